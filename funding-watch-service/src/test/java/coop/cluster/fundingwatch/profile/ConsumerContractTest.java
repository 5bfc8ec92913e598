package coop.cluster.fundingwatch.profile;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.testing.contracts.EventContracts;
import coop.cluster.testing.docs.EventDocs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    private static final String M = MembershipEvents.MEMBER_PREFIX;
    private final EventContracts contracts = EventContracts.load();

    @Test
    void memberProfilesReadTheMembershipEvents() {
        readsWithTheStatus(
                M + "applied.v1",
                MembershipEvents.WithProfile.class,
                Set.of(),
                "memberId",
                "profile");
        readsWithTheStatus(
                M + "admitted.v1",
                MembershipEvents.WithProfile.class,
                Set.of("legalName", "country"),
                "memberId",
                "profile");
        readsWithTheStatus(
                M + "profile-changed.v1",
                MembershipEvents.WithProfile.class,
                Set.of("legalName", "country"),
                "memberId",
                "profile");
        for (String change : Set.of("suspended", "reinstated", "rejected", "left", "excluded")) {
            readsWithTheStatus(
                    M + change + ".v1", MembershipEvents.StatusChange.class, Set.of(), "memberId");
        }
    }

    /**
     * A member lifecycle event, whose {@code status} (the member's status after it) the view needs
     * besides {@code needed}.
     */
    private void readsWithTheStatus(
            String type, Class<?> consumerType, Set<String> notInThisType, String... needed) {
        List<String> withStatus = new ArrayList<>(List.of(needed));
        withStatus.add("status");
        contracts.assertConsumerReads(
                type, consumerType, notInThisType, withStatus.toArray(String[]::new));
    }

    @Test
    void groupInterestsReadTheGroupEvents() {
        contracts.assertConsumerReads(
                MembershipEvents.GROUP_PREFIX + "created.v1",
                MembershipEvents.GroupCreated.class,
                "groupId",
                "name",
                "interests");
        contracts.assertConsumerReads(
                MembershipEvents.GROUP_PREFIX + "membership-changed.v1",
                MembershipEvents.GroupMembershipChanged.class,
                "groupId",
                "memberId",
                "change");
    }

    @Test
    void projectNeedsReadTheProjectEvents() {
        contracts.assertConsumerReads(
                ProjectEvents.PROJECT_PREFIX + "created.v1",
                ProjectEvents.Changed.class,
                "projectId",
                "project");
        contracts.assertConsumerReads(
                ProjectEvents.PROJECT_PREFIX + "updated.v1",
                ProjectEvents.Changed.class,
                "projectId",
                "project");
        contracts.assertConsumerReads(
                ProjectEvents.PROJECT_PREFIX + "closed.v1", ProjectEvents.Ended.class, "projectId");
        contracts.assertConsumerReads(
                ProjectEvents.PROJECT_PREFIX + "abandoned.v1",
                ProjectEvents.Ended.class,
                "projectId");
        contracts.assertConsumerReads(
                ProjectEvents.PARTNER_PREFIX + "joined.v1",
                ProjectEvents.PartnerChange.class,
                "projectId",
                "memberId");
        contracts.assertConsumerReads(
                ProjectEvents.PARTNER_PREFIX + "left.v1",
                ProjectEvents.PartnerChange.class,
                "projectId",
                "memberId");
    }

    /**
     * The service's real subscription: it reads exactly the types checked above, into those records
     * (a handler added without its contract check fails here), and the docs name each as consumed
     * (docs/events.md, "Versioning").
     */
    @Test
    void theSubscriptionReadsExactlyTheseTypesAndTheDocsNameThem() {
        EventSubscription s0 = new MemberProfiles(null, null).memberProfilesSubscription();
        Map<String, Class<?>> r0 = new LinkedHashMap<>();
        r0.put("cluster.membership.member.applied.v1", MembershipEvents.WithProfile.class);
        r0.put("cluster.membership.member.admitted.v1", MembershipEvents.WithProfile.class);
        r0.put("cluster.membership.member.profile-changed.v1", MembershipEvents.WithProfile.class);
        r0.put("cluster.membership.member.suspended.v1", MembershipEvents.StatusChange.class);
        r0.put("cluster.membership.member.reinstated.v1", MembershipEvents.StatusChange.class);
        r0.put("cluster.membership.member.rejected.v1", MembershipEvents.StatusChange.class);
        r0.put("cluster.membership.member.left.v1", MembershipEvents.StatusChange.class);
        r0.put("cluster.membership.member.excluded.v1", MembershipEvents.StatusChange.class);
        assertThat(s0.payloadTypes())
                .as("the types checked above, each with its record")
                .isEqualTo(r0);
        EventDocs.assertConsumedDocumented("funding-watch-service", consumedTypes(s0));
        EventSubscription s1 = new GroupInterests(null, null).groupInterestsSubscription();
        Map<String, Class<?>> r1 = new LinkedHashMap<>();
        r1.put("cluster.membership.group.created.v1", MembershipEvents.GroupCreated.class);
        r1.put(
                "cluster.membership.group.membership-changed.v1",
                MembershipEvents.GroupMembershipChanged.class);
        assertThat(s1.payloadTypes())
                .as("the types checked above, each with its record")
                .isEqualTo(r1);
        EventDocs.assertConsumedDocumented("funding-watch-service", consumedTypes(s1));
        EventSubscription s2 = new ProjectNeeds(null, null).projectNeedsSubscription();
        Map<String, Class<?>> r2 = new LinkedHashMap<>();
        r2.put("cluster.project.project.created.v1", ProjectEvents.Changed.class);
        r2.put("cluster.project.project.updated.v1", ProjectEvents.Changed.class);
        r2.put("cluster.project.project.closed.v1", ProjectEvents.Ended.class);
        r2.put("cluster.project.project.abandoned.v1", ProjectEvents.Ended.class);
        r2.put("cluster.project.partner.joined.v1", ProjectEvents.PartnerChange.class);
        r2.put("cluster.project.partner.left.v1", ProjectEvents.PartnerChange.class);
        assertThat(s2.payloadTypes())
                .as("the types checked above, each with its record")
                .isEqualTo(r2);
        EventDocs.assertConsumedDocumented("funding-watch-service", consumedTypes(s2));
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
