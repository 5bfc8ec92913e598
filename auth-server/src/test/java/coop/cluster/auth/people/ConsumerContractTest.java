package coop.cluster.auth.people;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.testing.contracts.EventContracts;
import coop.cluster.testing.docs.EventDocs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the event contracts (docs/events.md, "Versioning"): samples generated from
 * the producer's schemas in docs/asyncapi.yaml are parsed into this service's own copies of the
 * events, as the plumbing's dispatcher parses them; every component of a copy must be a field of
 * the schema and read its value, and the fields the handler needs must be required (so a producer
 * that renames or removes one breaks this test).
 */
class ConsumerContractTest {

    private static final String M = "cluster.membership.member.";
    private final EventContracts contracts = EventContracts.load();

    @Test
    void organisationsFeedReadsTheMembershipEvents() {
        contracts.assertConsumerReads(
                MembershipEvents.APPLIED_V1, MembershipEvents.Applied.class, "memberId");
        for (String type :
                Set.of(
                        M + "admitted.v1",
                        M + "rejected.v1",
                        M + "suspended.v1",
                        M + "reinstated.v1",
                        M + "left.v1",
                        M + "excluded.v1")) {
            contracts.assertConsumerReads(type, MembershipEvents.StatusChanged.class, "memberId");
        }
        contracts.assertConsumerReads(
                MembershipEvents.DELEGATE_APPOINTED_V1,
                MembershipEvents.DelegateAppointed.class,
                "memberId",
                "subject");
        contracts.assertConsumerReads(
                MembershipEvents.DELEGATE_REMOVED_V1,
                MembershipEvents.DelegateRemoved.class,
                "memberId",
                "subject");
    }

    @Test
    void theAuditFeedReadsEveryIdentityTypeAsAMap() {
        for (String type : AuditFeed.TYPES) {
            contracts.assertConsumerReads(type, java.util.Map.class);
        }
    }

    /**
     * The service's real subscription: it reads exactly the types checked above, into those records
     * (a handler added without its contract check fails here), and the docs name each as consumed
     * (docs/events.md, "Versioning").
     */
    @Test
    void theSubscriptionReadsExactlyTheseTypesAndTheDocsNameThem() {
        EventSubscription s0 =
                new OrganisationsFeed(null, null, null, null).membershipMembersForPeople();
        Map<String, Class<?>> r0 = new LinkedHashMap<>();
        r0.put(MembershipEvents.APPLIED_V1, MembershipEvents.Applied.class);
        r0.put("cluster.membership.member.admitted.v1", MembershipEvents.StatusChanged.class);
        r0.put("cluster.membership.member.rejected.v1", MembershipEvents.StatusChanged.class);
        r0.put("cluster.membership.member.suspended.v1", MembershipEvents.StatusChanged.class);
        r0.put("cluster.membership.member.reinstated.v1", MembershipEvents.StatusChanged.class);
        r0.put("cluster.membership.member.left.v1", MembershipEvents.StatusChanged.class);
        r0.put("cluster.membership.member.excluded.v1", MembershipEvents.StatusChanged.class);
        r0.put(MembershipEvents.DELEGATE_APPOINTED_V1, MembershipEvents.DelegateAppointed.class);
        r0.put(MembershipEvents.DELEGATE_REMOVED_V1, MembershipEvents.DelegateRemoved.class);
        assertThat(s0.payloadTypes())
                .as("the types checked above, each with its record")
                .isEqualTo(r0);
        EventDocs.assertConsumedDocumented("auth-server", consumedTypes(s0));
        EventSubscription s1 = new AuditFeed(null).identityPeopleForAudit();
        assertThat(s1.payloadTypes().keySet()).containsExactlyInAnyOrderElementsOf(AuditFeed.TYPES);
        EventDocs.assertConsumedDocumented("auth-server", consumedTypes(s1));
    }

    private static Map<String, String> consumedTypes(EventSubscription subscription) {
        Map<String, String> consumed = new LinkedHashMap<>();
        subscription
                .payloadTypes()
                .keySet()
                .forEach(type -> consumed.put(type, subscription.topics().get(0)));
        return consumed;
    }
}
