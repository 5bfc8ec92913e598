package coop.cluster.plumbing.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.testing.contracts.EventContracts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the event contracts for the plumbing's own consumer, every service's
 * {@code revocations} subscription: identity's {@code access.revoked} schema (docs/asyncapi.yaml)
 * is read into {@link Revocations.AccessRevoked}; its time is required, the person and the member
 * may each be null.
 */
class RevocationsConsumerContractTest {

    @Test
    void revocationsReadTheAccessRevokedEvent() {
        EventContracts.load()
                .assertConsumerReads(
                        Revocations.ACCESS_REVOKED_V1,
                        Revocations.AccessRevoked.class,
                        "revokedAt");
        assertThat(new Revocations(null, null, null, null).subscription().payloadTypes())
                .isEqualTo(Map.of(Revocations.ACCESS_REVOKED_V1, Revocations.AccessRevoked.class));
    }
}
