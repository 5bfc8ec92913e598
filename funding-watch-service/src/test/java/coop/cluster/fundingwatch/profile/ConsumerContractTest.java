package coop.cluster.fundingwatch.profile;

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

    private static final String M = MembershipEvents.MEMBER_PREFIX;
    private final EventContracts contracts = EventContracts.load();

    @Test
    void memberProfilesReadTheMembershipEvents() {
        contracts.assertConsumerReads(M + "applied.v1", MembershipEvents.WithProfile.class, Set.of("status"),
                "memberId", "profile");
        contracts.assertConsumerReads(M + "admitted.v1", MembershipEvents.WithProfile.class,
                Set.of("status", "legalName", "country"), "memberId", "profile");
        contracts.assertConsumerReads(M + "profile-changed.v1", MembershipEvents.WithProfile.class,
                Set.of("legalName", "country"), "memberId", "status", "profile");
        for (String change : Set.of("suspended", "reinstated", "rejected", "left", "excluded")) {
            contracts.assertConsumerReads(M + change + ".v1", MembershipEvents.StatusChange.class, "memberId");
        }
    }

    @Test
    void groupInterestsReadTheGroupEvents() {
        contracts.assertConsumerReads(MembershipEvents.GROUP_PREFIX + "created.v1", MembershipEvents.GroupCreated.class,
                "groupId", "name", "interests");
        contracts.assertConsumerReads(MembershipEvents.GROUP_PREFIX + "membership-changed.v1",
                MembershipEvents.GroupMembershipChanged.class, "groupId", "memberId", "change");
    }

    @Test
    void projectNeedsReadTheProjectEvents() {
        contracts.assertConsumerReads(ProjectEvents.PROJECT_PREFIX + "created.v1", ProjectEvents.Changed.class,
                "projectId", "project");
        contracts.assertConsumerReads(ProjectEvents.PROJECT_PREFIX + "updated.v1", ProjectEvents.Changed.class,
                "projectId", "project");
        contracts.assertConsumerReads(ProjectEvents.PROJECT_PREFIX + "closed.v1", ProjectEvents.Ended.class,
                "projectId");
        contracts.assertConsumerReads(ProjectEvents.PROJECT_PREFIX + "abandoned.v1", ProjectEvents.Ended.class,
                "projectId");
        contracts.assertConsumerReads(ProjectEvents.PARTNER_PREFIX + "joined.v1", ProjectEvents.PartnerChange.class,
                "projectId", "memberId");
        contracts.assertConsumerReads(ProjectEvents.PARTNER_PREFIX + "left.v1", ProjectEvents.PartnerChange.class,
                "projectId", "memberId");
    }
}
