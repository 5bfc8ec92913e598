package coop.cluster.auth.people;

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

    private static final String M = "cluster.membership.member.";
    private final EventContracts contracts = EventContracts.load();

    @Test
    void organisationsFeedReadsTheMembershipEvents() {
        contracts.assertConsumerReads(MembershipEvents.APPLIED_V1, MembershipEvents.Applied.class, "memberId");
        for (String type : Set.of(M + "admitted.v1", M + "rejected.v1", M + "suspended.v1", M + "reinstated.v1",
                M + "left.v1", M + "excluded.v1")) {
            contracts.assertConsumerReads(type, MembershipEvents.StatusChanged.class, "memberId");
        }
        contracts.assertConsumerReads(MembershipEvents.DELEGATE_APPOINTED_V1, MembershipEvents.DelegateAppointed.class,
                "memberId", "subject");
        contracts.assertConsumerReads(MembershipEvents.DELEGATE_REMOVED_V1, MembershipEvents.DelegateRemoved.class,
                "memberId", "subject");
    }

    @Test
    void theAuditFeedReadsEveryIdentityTypeAsAMap() {
        for (String type : AuditFeed.TYPES) {
            contracts.assertConsumerReads(type, java.util.Map.class);
        }
    }
}
