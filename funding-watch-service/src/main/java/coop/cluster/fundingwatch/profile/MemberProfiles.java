package coop.cluster.fundingwatch.profile;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The members part of the matching view: the subscription {@code member-profiles} reads {@code membership.members}
 * into the collection {@code member_profiles}, one document per member ({@code _id} = the member id) with its status
 * and the parts of its public profile that calls are matched against. One member's events arrive in order on one
 * partition; each is applied once. A status event for a member not seen before (read from a later offset) creates
 * its document with the status only; its next profile event fills in the rest.
 */
@Configuration(proxyBeanMethods = false)
class MemberProfiles {

    private final ViewWriter writer;

    MemberProfiles(ViewWriter writer) {
        this.writer = writer;
    }

    @Bean
    EventSubscription memberProfilesSubscription() {
        String p = MembershipEvents.MEMBER_PREFIX;
        return EventSubscription.named("member-profiles")
                .topics(MembershipEvents.MEMBERS_TOPIC)
                .on(p + "applied.v1", MembershipEvents.WithProfile.class, e -> profile(e, "APPLIED"))
                .on(p + "admitted.v1", MembershipEvents.WithProfile.class, e -> profile(e, "ACTIVE"))
                .on(p + "profile-changed.v1", MembershipEvents.WithProfile.class, e -> profile(e, e.data().status()))
                .on(p + "suspended.v1", MembershipEvents.StatusChange.class, e -> status(e, "SUSPENDED"))
                .on(p + "reinstated.v1", MembershipEvents.StatusChange.class, e -> status(e, "ACTIVE"))
                .on(p + "rejected.v1", MembershipEvents.StatusChange.class, e -> status(e, "REJECTED"))
                .on(p + "left.v1", MembershipEvents.StatusChange.class, e -> status(e, "LEFT"))
                .on(p + "excluded.v1", MembershipEvents.StatusChange.class, e -> status(e, "EXCLUDED"))
                .build();
    }

    void profile(ReceivedEvent<MembershipEvents.WithProfile> event, String status) {
        String memberId = ViewWriter.required(event.data().memberId(), "memberId", event);
        writer.apply(ViewKind.MEMBER, memberId, event, profileUpdate(event.data(), status));
    }

    void status(ReceivedEvent<MembershipEvents.StatusChange> event, String status) {
        String memberId = ViewWriter.required(event.data().memberId(), "memberId", event);
        writer.apply(ViewKind.MEMBER, memberId, event, new Update().set("status", status));
    }

    /**
     * The status (kept as it was when the event carries none) and the whole profile the event carries; applied's
     * legal name and country outside the profile stand in for the profile's when it has none.
     */
    static Update profileUpdate(MembershipEvents.WithProfile data, String status) {
        Update update = new Update();
        if (status != null) {
            update.set("status", status);
        }
        MembershipEvents.Profile p = data.profile();
        if (p != null) {
            update.set("legalName", p.legalName() != null ? p.legalName() : data.legalName())
                    .set("country", p.country() != null ? p.country() : data.country())
                    .set("region", p.region())
                    .set("sectors", orEmpty(p.sectors()))
                    .set("competences", orEmpty(p.competences()))
                    .set("description", p.description());
        } else {
            if (data.legalName() != null) {
                update.set("legalName", data.legalName());
            }
            if (data.country() != null) {
                update.set("country", data.country());
            }
        }
        return update;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
