package coop.cluster.finance.memberaccount;

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

    private final EventContracts contracts = EventContracts.load();

    @Test
    void memberAccountsReadTheMembershipEvents() {
        contracts.assertConsumerReads(
                MembershipEvents.MEMBER_APPLIED_V1,
                MembershipEvents.MemberApplied.class,
                "memberId",
                "legalName",
                "country");
        contracts.assertConsumerReads(
                MembershipEvents.MEMBER + "admitted.v1",
                MembershipEvents.StatusChanged.class,
                "memberId",
                "status");
        for (String change : Set.of("rejected", "suspended", "reinstated", "left", "excluded")) {
            contracts.assertConsumerReads(
                    MembershipEvents.MEMBER + change + ".v1",
                    MembershipEvents.StatusChanged.class,
                    Set.of("profile"),
                    "memberId",
                    "status");
        }
    }

    /**
     * The service's real subscription: it reads exactly the types checked above, into those records
     * (a handler added without its contract check fails here), and the docs name each as consumed
     * (docs/events.md, "Versioning").
     */
    @Test
    void theSubscriptionReadsExactlyTheseTypesAndTheDocsNameThem() {
        EventSubscription s0 = new MemberAccounts(null).membershipForMemberAccounts();
        Map<String, Class<?>> r0 = new LinkedHashMap<>();
        r0.put(MembershipEvents.MEMBER_APPLIED_V1, MembershipEvents.MemberApplied.class);
        r0.put("cluster.membership.member.admitted.v1", MembershipEvents.StatusChanged.class);
        r0.put("cluster.membership.member.rejected.v1", MembershipEvents.StatusChanged.class);
        r0.put("cluster.membership.member.suspended.v1", MembershipEvents.StatusChanged.class);
        r0.put("cluster.membership.member.reinstated.v1", MembershipEvents.StatusChanged.class);
        r0.put("cluster.membership.member.left.v1", MembershipEvents.StatusChanged.class);
        r0.put("cluster.membership.member.excluded.v1", MembershipEvents.StatusChanged.class);
        assertThat(s0.payloadTypes())
                .as("the types checked above, each with its record")
                .isEqualTo(r0);
        EventDocs.assertConsumedDocumented("finance-service", consumedTypes(s0));
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
