package coop.cluster.fundingwatch.profile;

import static coop.cluster.fundingwatch.profile.Events.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verifyNoInteractions;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** How membership's group events become writes of {@code groups}. */
class GroupInterestsTest {

    private static final String CHANGED = "cluster.membership.group.membership-changed.v1";

    private final ViewWriterFixture fixture = new ViewWriterFixture();
    private final GroupInterests groups = new GroupInterests(fixture.writer, fixture.groups);

    @Test
    void theSubscriptionReadsTheGroupsTopicUnderItsOwnName() {
        EventSubscription subscription = groups.groupInterestsSubscription();

        assertThat(subscription.name()).isEqualTo("group-interests");
        assertThat(subscription.topics()).containsExactly("membership.groups");
    }

    @Test
    void aCreatedGroupWritesItsNameDescriptionAndInterestsAndLeavesItsMembersAlone() {
        var event =
                received(
                        "cluster.membership.group.created.v1",
                        new MembershipEvents.GroupCreated(
                                "g-1",
                                "Green building",
                                "Low-carbon construction",
                                List.of("timber", "insulation")));

        groups.created(event);

        Document update = fixture.update(ViewKind.GROUP, "g-1", event.id());
        assertThat(update).containsOnlyKeys("$set");
        assertThat(update.get("$set", Document.class))
                .containsOnlyKeys("name", "description", "interests", "updatedAt")
                .containsEntry("name", "Green building")
                .containsEntry("interests", List.of("timber", "insulation"));
        assertThat(fixture.count(ViewKind.GROUP, "applied")).isEqualTo(1);
    }

    @Test
    void aGroupCreatedWithoutInterestsHasNone() {
        var event =
                received(
                        "cluster.membership.group.created.v1",
                        new MembershipEvents.GroupCreated("g-1", "G", null, null));

        groups.created(event);

        assertThat(fixture.update(ViewKind.GROUP, "g-1", event.id()).get("$set", Document.class))
                .containsEntry("interests", List.of());
    }

    @Test
    void aMemberWhoJoinsIsAddedToTheSetOfMembers() {
        var event =
                received(
                        CHANGED,
                        new MembershipEvents.GroupMembershipChanged("g-1", "m-1", "JOINED"));

        groups.membershipChanged(event);

        Document update = fixture.update(ViewKind.GROUP, "g-1", event.id());
        assertThat(update.get("$addToSet", Document.class)).containsEntry("members", "m-1");
        assertThat(update.get("$set", Document.class)).containsOnlyKeys("updatedAt");
    }

    @Test
    void aMemberWhoLeavesIsPulledFromTheMembers() {
        var event =
                received(
                        CHANGED, new MembershipEvents.GroupMembershipChanged("g-1", "m-1", "LEFT"));

        groups.membershipChanged(event);

        assertThat(fixture.update(ViewKind.GROUP, "g-1", event.id()).get("$pull", Document.class))
                .containsEntry("members", "m-1");
    }

    @Test
    void anUnknownChangeOrAMissingMemberIsPoison() {
        var moved =
                received(
                        CHANGED,
                        new MembershipEvents.GroupMembershipChanged("g-1", "m-1", "MOVED"));
        var nobody =
                received(
                        CHANGED,
                        new MembershipEvents.GroupMembershipChanged("g-1", null, "JOINED"));
        var noGroup =
                received(
                        CHANGED,
                        new MembershipEvents.GroupMembershipChanged(null, "m-1", "JOINED"));

        assertThatThrownBy(() -> groups.membershipChanged(moved))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("MOVED");
        assertThatThrownBy(() -> groups.membershipChanged(nobody))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("memberId");
        assertThatThrownBy(() -> groups.membershipChanged(noGroup))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("groupId");
        verifyNoInteractions(fixture.effects);
    }
}
