package coop.cluster.project.invitation;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A member that leaves the cluster, or is excluded, has its pending invitations withdrawn, learnt
 * from membership's events. Idempotent: a redelivered event finds nothing pending any more.
 */
@Configuration(proxyBeanMethods = false)
class Departures {

    private static final Logger log = LoggerFactory.getLogger(Departures.class);

    /** This feature's copy of the membership events it reads. */
    record MemberGone(String memberId) {}

    private final Invitations invitations;

    Departures(Invitations invitations) {
        this.invitations = invitations;
    }

    @Bean
    EventSubscription memberDeparturesForInvitations() {
        return EventSubscription.named("invitation-departures")
                .topics("membership.members")
                .on(
                        "cluster.membership.member.left.v1",
                        MemberGone.class,
                        e -> gone(e, "member-left"))
                .on(
                        "cluster.membership.member.excluded.v1",
                        MemberGone.class,
                        e -> gone(e, "member-excluded"))
                .build();
    }

    void gone(ReceivedEvent<MemberGone> event, String reason) {
        int withdrawn = invitations.withdrawAllFor(event.data().memberId(), reason);
        if (withdrawn > 0) {
            log.info(
                    "Member {} is gone ({}): {} pending invitation(s) withdrawn",
                    event.data().memberId(),
                    reason,
                    withdrawn);
        }
    }
}
