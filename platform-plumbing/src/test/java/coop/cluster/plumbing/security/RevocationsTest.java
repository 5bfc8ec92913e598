package coop.cluster.plumbing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The rules of a revocation, in memory: the store is a mock here ({@code RevocationsIT} has the
 * real one).
 */
class RevocationsTest {

    private static final Instant NOW = Instant.parse("2026-12-10T10:00:00Z");
    private static final Instant REVOKED_AT = NOW.minusSeconds(60);

    private final Revocations revocations =
            new Revocations(
                    mock(MongoTemplate.class),
                    Duration.ofSeconds(5),
                    Duration.ofDays(1),
                    Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void nothingRevokedRefusesNothing() {
        assertThat(revocations.isRevoked("amina", "m-1", NOW.minusSeconds(3600))).isFalse();
        assertThat(revocations.isRevoked("amina", null, null)).isFalse();
    }

    @Test
    void aPersonsTokensIssuedAtOrBeforeTheRevocationAreRefused() {
        revoke("amina", null, REVOKED_AT);
        assertThat(revocations.isRevoked("amina", "m-1", REVOKED_AT.minusSeconds(1))).isTrue();
        assertThat(revocations.isRevoked("amina", "m-1", REVOKED_AT))
                .as("at the same instant")
                .isTrue();
        assertThat(revocations.isRevoked("amina", "m-1", REVOKED_AT.plusSeconds(1))).isFalse();
        assertThat(revocations.isRevoked("bruno", "m-1", REVOKED_AT.minusSeconds(1)))
                .as("someone else")
                .isFalse();
        assertThat(revocations.isRevoked("amina", null, null))
                .as("no iat: cannot show it came after")
                .isTrue();
    }

    @Test
    void aMembersRevocationCoversEveryOneOfItsSubjects() {
        revoke(null, "m-1", REVOKED_AT);
        assertThat(revocations.isRevoked("amina", "m-1", REVOKED_AT.minusSeconds(1))).isTrue();
        assertThat(revocations.isRevoked("camille", "m-1", REVOKED_AT.minusSeconds(1))).isTrue();
        assertThat(revocations.isRevoked("camille", "m-1", REVOKED_AT.plusSeconds(1))).isFalse();
        assertThat(revocations.isRevoked("camille", "m-2", REVOKED_AT.minusSeconds(1))).isFalse();
        assertThat(revocations.isRevoked("camille", null, REVOKED_AT.minusSeconds(1))).isFalse();
    }

    @Test
    void theLatestRevocationCountsWhateverTheOrderTheyArriveIn() {
        revoke("amina", null, REVOKED_AT);
        revoke("amina", null, REVOKED_AT.minusSeconds(600));
        assertThat(revocations.isRevoked("amina", null, REVOKED_AT.minusSeconds(1))).isTrue();
        revoke("amina", null, REVOKED_AT.plusSeconds(30));
        assertThat(revocations.isRevoked("amina", null, REVOKED_AT.plusSeconds(10))).isTrue();
    }

    @Test
    void revocationsOlderThanTheRetentionAreForgotten() {
        revoke("amina", null, NOW.minus(Duration.ofDays(2)));
        assertThat(revocations.isRevoked("amina", null, NOW.minus(Duration.ofDays(3)))).isFalse();
    }

    @Test
    void aRevocationOfNobodyOrWithoutItsTimeIsPoison() {
        assertThatThrownBy(() -> revoke(null, null, REVOKED_AT))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> revoke(" ", "", REVOKED_AT))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> revoke("amina", null, null))
                .isInstanceOf(PoisonEventException.class);
    }

    @Test
    void theDecoderRefusesARevokedTokenEvenWhenItWasVerifiedBefore() {
        JwtDecoder verifier =
                token ->
                        Jwt.withTokenValue(token)
                                .header("alg", "RS256")
                                .subject(token)
                                .claim(ClusterClaims.MEMBER_ID, "m-1")
                                .issuedAt(REVOKED_AT.minusSeconds(5))
                                .expiresAt(NOW.plusSeconds(600))
                                .build();
        JwtDecoder decoder = ClusterJwtDecoders.refusingRevoked(verifier, revocations);
        assertThat(decoder.decode("amina").getSubject()).isEqualTo("amina");
        revoke(null, "m-1", REVOKED_AT);
        assertThatThrownBy(() -> decoder.decode("amina"))
                .isInstanceOf(RevokedTokenException.class)
                .hasMessageContaining("amina");
    }

    private void revoke(String personId, String memberId, Instant at) {
        revocations.onRevoked(
                new ReceivedEvent<>(
                        "e-" + System.nanoTime(),
                        Revocations.ACCESS_REVOKED_V1,
                        "/identity",
                        "people/x",
                        NOW,
                        null,
                        new Revocations.AccessRevoked(personId, memberId, at, "test")));
    }
}
