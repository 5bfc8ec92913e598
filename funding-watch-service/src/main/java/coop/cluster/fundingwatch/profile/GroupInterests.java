package coop.cluster.fundingwatch.profile;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The thematic groups part of the matching view: the subscription {@code group-interests} reads
 * {@code membership.groups} into the collection {@code groups}, one document per group ({@code _id} = the group id)
 * with its name, description, interests and members (member ids). A group's events arrive in order on one
 * partition; each is applied once. Each event writes only its own fields, so a membership change seen before the
 * group's created event (read from a later offset) creates the group with its members alone, and the created event
 * read later fills in its name and interests without losing them.
 */
@Configuration(proxyBeanMethods = false)
class GroupInterests {

    static final String MEMBERS = "members";

    private final ViewWriter writer;

    GroupInterests(ViewWriter writer) {
        this.writer = writer;
    }

    @Bean
    EventSubscription groupInterestsSubscription() {
        String p = MembershipEvents.GROUP_PREFIX;
        return EventSubscription.named("group-interests")
                .topics(MembershipEvents.GROUPS_TOPIC)
                .on(p + "created.v1", MembershipEvents.GroupCreated.class, this::created)
                .on(p + "membership-changed.v1", MembershipEvents.GroupMembershipChanged.class,
                        this::membershipChanged)
                .build();
    }

    void created(ReceivedEvent<MembershipEvents.GroupCreated> event) {
        String groupId = ViewWriter.required(event.data().groupId(), "groupId", event);
        writer.apply(ViewKind.GROUP, groupId, event, createdUpdate(event.data()));
    }

    void membershipChanged(ReceivedEvent<MembershipEvents.GroupMembershipChanged> event) {
        String groupId = ViewWriter.required(event.data().groupId(), "groupId", event);
        ViewWriter.required(event.data().memberId(), "memberId", event);
        writer.apply(ViewKind.GROUP, groupId, event, membershipUpdate(event));
    }

    /** Name, description and interests; the members are left as they are. */
    static Update createdUpdate(MembershipEvents.GroupCreated data) {
        return new Update().set("name", data.name()).set("description", data.description())
                .set("interests", data.interests() == null ? List.of() : data.interests());
    }

    /** JOINED adds the member to the set of members, LEFT takes it out; any other change is a poison event. */
    static Update membershipUpdate(ReceivedEvent<MembershipEvents.GroupMembershipChanged> event) {
        var data = event.data();
        return switch (data.change() == null ? "" : data.change()) {
            case "JOINED" -> new Update().addToSet(MEMBERS, data.memberId());
            case "LEFT" -> new Update().pull(MEMBERS, data.memberId());
            default -> throw new PoisonEventException("Event " + event.id() + " (" + event.type()
                    + ") has an unknown change: " + data.change(), null);
        };
    }
}
