package coop.cluster.finance.fee;

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

    private static final String M = MembershipFeeEvents.MEMBER;
    private final EventContracts contracts = EventContracts.load();

    @Test
    void feeMembersReadTheMembershipEvents() {
        contracts.assertConsumerReads(
                M + "admitted.v1",
                MembershipFeeEvents.WithProfile.class,
                "memberId",
                "status",
                "profile.organisationType");
        contracts.assertConsumerReads(
                M + "profile-changed.v1",
                MembershipFeeEvents.WithProfile.class,
                Set.of("admittedAt"),
                "memberId",
                "status");
        for (String change : Set.of("suspended", "reinstated", "left", "excluded")) {
            contracts.assertConsumerReads(
                    M + change + ".v1",
                    MembershipFeeEvents.StatusChange.class,
                    "memberId",
                    "status");
        }
    }

    @Test
    void feeCouncilReadsTheFeeScheduleAndTheExemptions() {
        contracts.assertConsumerReads(
                MembershipFeeEvents.FEE_SCHEDULE_ADOPTED_V1,
                MembershipFeeEvents.FeeScheduleAdopted.class,
                "resolutionId",
                "feeYear",
                "currency",
                "amounts");
        contracts.assertConsumerReads(
                MembershipFeeEvents.FEE_EXEMPTION_GRANTED_V1,
                MembershipFeeEvents.FeeExemptionGranted.class,
                "resolutionId",
                "memberId",
                "extent",
                "percent",
                "validFrom");
    }

    /**
     * The service's real subscription: it reads exactly the types checked above, into those records
     * (a handler added without its contract check fails here), and the docs name each as consumed
     * (docs/events.md, "Versioning").
     */
    @Test
    void theSubscriptionReadsExactlyTheseTypesAndTheDocsNameThem() {
        EventSubscription s0 = new FeeConsumers(null, null).feeMembersSubscription();
        Map<String, Class<?>> r0 = new LinkedHashMap<>();
        r0.put("cluster.membership.member.admitted.v1", MembershipFeeEvents.WithProfile.class);
        r0.put(
                "cluster.membership.member.profile-changed.v1",
                MembershipFeeEvents.WithProfile.class);
        r0.put("cluster.membership.member.suspended.v1", MembershipFeeEvents.StatusChange.class);
        r0.put("cluster.membership.member.reinstated.v1", MembershipFeeEvents.StatusChange.class);
        r0.put("cluster.membership.member.left.v1", MembershipFeeEvents.StatusChange.class);
        r0.put("cluster.membership.member.excluded.v1", MembershipFeeEvents.StatusChange.class);
        assertThat(s0.payloadTypes())
                .as("the types checked above, each with its record")
                .isEqualTo(r0);
        EventDocs.assertConsumedDocumented("finance-service", consumedTypes(s0));
        EventSubscription s1 = new FeeConsumers(null, null).feeCouncilSubscription();
        Map<String, Class<?>> r1 = new LinkedHashMap<>();
        r1.put(
                MembershipFeeEvents.FEE_SCHEDULE_ADOPTED_V1,
                MembershipFeeEvents.FeeScheduleAdopted.class);
        r1.put(
                MembershipFeeEvents.FEE_EXEMPTION_GRANTED_V1,
                MembershipFeeEvents.FeeExemptionGranted.class);
        assertThat(s1.payloadTypes())
                .as("the types checked above, each with its record")
                .isEqualTo(r1);
        EventDocs.assertConsumedDocumented("finance-service", consumedTypes(s1));
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
