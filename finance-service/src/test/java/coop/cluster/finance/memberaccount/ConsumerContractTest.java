package coop.cluster.finance.memberaccount;

import coop.cluster.testing.contracts.EventContracts;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the event contracts (docs/events.md, "Versioning"): samples generated from the producer's
 * schemas in docs/asyncapi.yaml are parsed into this service's own copies of the events, as the plumbing's dispatcher
 * parses them; every component of a copy must be a field of the schema and read its value, and the fields the handler
 * needs must be required (so a producer that renames or removes one breaks this test).
 */
class ConsumerContractTest {

    private final EventContracts contracts = EventContracts.load();

    @Test
    void memberAccountsReadTheMembershipEvents() {
        contracts.assertConsumerReads(MembershipEvents.MEMBER_APPLIED_V1, MembershipEvents.MemberApplied.class,
                "memberId", "legalName", "country");
        contracts.assertConsumerReads(MembershipEvents.MEMBER + "admitted.v1", MembershipEvents.StatusChanged.class,
                "memberId");
        for (String change : Set.of("rejected", "suspended", "reinstated", "left", "excluded")) {
            contracts.assertConsumerReads(MembershipEvents.MEMBER + change + ".v1", MembershipEvents.StatusChanged.class,
                    Set.of("profile"), "memberId");
        }
    }
}
