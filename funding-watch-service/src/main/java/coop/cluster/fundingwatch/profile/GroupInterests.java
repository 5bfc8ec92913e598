package coop.cluster.fundingwatch.profile;

import coop.cluster.fundingwatch.profile.persistence.GroupProfileStore;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thematic groups part of the matching view: the subscription {@code group-interests} reads
 * {@code membership.groups} into {@link GroupProfileStore} (collection {@code groups}), one
 * document per group with its name, description, interests and members (member ids). A group's
 * events arrive in order on one partition; each is applied once. Each event writes only its own
 * fields, so a membership change seen before the group's created event (read from a later offset)
 * creates the group with its members alone, and the created event read later fills in its name and
 * interests without losing them.
 */
@Configuration(proxyBeanMethods = false)
class GroupInterests {

    private final ViewWriter writer;
    private final GroupProfileStore store;

    GroupInterests(ViewWriter writer, GroupProfileStore store) {
        this.writer = writer;
        this.store = store;
    }

    @Bean
    EventSubscription groupInterestsSubscription() {
        String p = MembershipEvents.GROUP_PREFIX;
        return EventSubscription.named("group-interests")
                .topics(MembershipEvents.GROUPS_TOPIC)
                .on(p + "created.v1", MembershipEvents.GroupCreated.class, this::created)
                .on(
                        p + "membership-changed.v1",
                        MembershipEvents.GroupMembershipChanged.class,
                        this::membershipChanged)
                .build();
    }

    /**
     * Name, description and interests (none when it names none); the members are left as they are.
     */
    void created(ReceivedEvent<MembershipEvents.GroupCreated> event) {
        var data = event.data();
        String groupId = ViewWriter.required(data.groupId(), "groupId", event);
        writer.apply(
                ViewKind.GROUP,
                groupId,
                event,
                () ->
                        store.describe(
                                groupId,
                                event.id(),
                                data.name(),
                                data.description(),
                                data.interests()));
    }

    /**
     * JOINED adds the member to the set of members, LEFT takes it out; any other change is a poison
     * event.
     */
    void membershipChanged(ReceivedEvent<MembershipEvents.GroupMembershipChanged> event) {
        var data = event.data();
        String groupId = ViewWriter.required(data.groupId(), "groupId", event);
        String memberId = ViewWriter.required(data.memberId(), "memberId", event);
        switch (data.change() == null ? "" : data.change()) {
            case "JOINED" ->
                    writer.apply(
                            ViewKind.GROUP,
                            groupId,
                            event,
                            () -> store.addMember(groupId, event.id(), memberId));
            case "LEFT" ->
                    writer.apply(
                            ViewKind.GROUP,
                            groupId,
                            event,
                            () -> store.removeMember(groupId, event.id(), memberId));
            default ->
                    throw new PoisonEventException(
                            "Event "
                                    + event.id()
                                    + " ("
                                    + event.type()
                                    + ") has an unknown change: "
                                    + data.change(),
                            null);
        }
    }
}
