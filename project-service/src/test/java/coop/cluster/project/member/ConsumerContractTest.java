package coop.cluster.project.member;

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

    private static final String M = MembershipEvents.PREFIX;
    private final EventContracts contracts = EventContracts.load();

    @Test
    void memberViewReadsTheMembershipEvents() {
        contracts.assertConsumerReads(M + "applied.v1", MembershipEvents.WithProfile.class, Set.of("status"),
                "memberId", "profile.legalName");
        contracts.assertConsumerReads(M + "admitted.v1", MembershipEvents.WithProfile.class, Set.of("status"),
                "memberId", "profile.legalName");
        contracts.assertConsumerReads(M + "profile-changed.v1", MembershipEvents.WithProfile.class, "memberId",
                "status", "profile.legalName");
        for (String change : Set.of("suspended", "reinstated", "rejected", "left", "excluded")) {
            contracts.assertConsumerReads(M + change + ".v1", MembershipEvents.StatusChange.class, "memberId");
        }
    }
}
