package coop.cluster.fundingwatch.profile;

import coop.cluster.fundingwatch.profile.persistence.MemberProfileStore;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.List;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The members part of the matching view: the subscription {@code member-profiles} reads {@code
 * membership.members} into {@link MemberProfileStore} (collection {@code member_profiles}), one
 * document per member with its status and the parts of its public profile that calls are matched
 * against. One member's events arrive in order on one partition; each is applied once.
 *
 * <p>The status is the one the event carries ({@code status}: the member's status after the event),
 * whatever its type; it is not derived from the type here. An event without it (or without {@code
 * memberId}) is a poison event: no retry can complete it, so it goes to the subscription's
 * dead-letter topic and the view is left as it was. A status event for a member not seen before
 * (read from a later offset) creates its document with the status only; its next profile event
 * fills in the rest.
 */
@Configuration(proxyBeanMethods = false)
class MemberProfiles {

    private final ViewWriter writer;
    private final MemberProfileStore store;

    MemberProfiles(ViewWriter writer, MemberProfileStore store) {
        this.writer = writer;
        this.store = store;
    }

    @Bean
    EventSubscription memberProfilesSubscription() {
        String p = MembershipEvents.MEMBER_PREFIX;
        return EventSubscription.named("member-profiles")
                .topics(MembershipEvents.MEMBERS_TOPIC)
                .on(
                        p,
                        MembershipEvents.WITH_PROFILE,
                        MembershipEvents.WithProfile.class,
                        this::profile)
                .on(
                        p,
                        MembershipEvents.STATUS_CHANGES,
                        MembershipEvents.StatusChange.class,
                        this::status)
                .build();
    }

    /**
     * The status and the whole profile the event carries; applied's legal name and country outside
     * the profile stand in for the profile's when it has none. An event without a profile writes
     * the status, and its legal name and country if it has them.
     */
    void profile(ReceivedEvent<MembershipEvents.WithProfile> event) {
        var data = event.data();
        String memberId = ViewWriter.required(data.memberId(), "memberId", event);
        String status = ViewWriter.required(data.status(), "status", event);
        MembershipEvents.Profile p = data.profile();
        if (p == null) {
            writer.apply(
                    ViewKind.MEMBER,
                    memberId,
                    event,
                    () ->
                            store.status(
                                    memberId,
                                    event.id(),
                                    status,
                                    data.legalName(),
                                    data.country()));
            return;
        }
        // null entries of the lists are dropped: the view never reads them
        MemberProfile member =
                new MemberProfile(
                        memberId,
                        status,
                        p.legalName() != null ? p.legalName() : data.legalName(),
                        p.country() != null ? p.country() : data.country(),
                        p.region(),
                        present(p.sectors()),
                        present(p.competences()),
                        p.description(),
                        null);
        writer.apply(ViewKind.MEMBER, memberId, event, () -> store.profile(event.id(), member));
    }

    /** The status alone. */
    void status(ReceivedEvent<MembershipEvents.StatusChange> event) {
        String memberId = ViewWriter.required(event.data().memberId(), "memberId", event);
        String status = ViewWriter.required(event.data().status(), "status", event);
        writer.apply(
                ViewKind.MEMBER,
                memberId,
                event,
                () -> store.status(memberId, event.id(), status, null, null));
    }

    private static List<String> present(List<String> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
