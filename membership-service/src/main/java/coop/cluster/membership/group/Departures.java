package coop.cluster.membership.group;

import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A member that leaves the cluster, or is excluded, leaves its thematic groups. The groups learn it
 * from the member events, as any other service would, so a departure is one write of the member and
 * the groups follow, each group's change announced with it.
 */
@Configuration(proxyBeanMethods = false)
class Departures {

    private static final Logger log = LoggerFactory.getLogger(Departures.class);

    /** This feature's copy of the member events it reads. */
    record MemberGone(String memberId) {}

    private final Groups groups;

    Departures(Groups groups) {
        this.groups = groups;
    }

    @Bean
    EventSubscription memberDeparturesForGroups() {
        return EventSubscription.named("group-departures")
                .topics("membership.members")
                .on("cluster.membership.member.left.v1", MemberGone.class, this::onGone)
                .on("cluster.membership.member.excluded.v1", MemberGone.class, this::onGone)
                .build();
    }

    void onGone(ReceivedEvent<MemberGone> event) {
        int removed = groups.removeEverywhere(new MemberId(event.data().memberId()));
        if (removed > 0) {
            log.info(
                    "Member {} left the cluster and {} group(s)", event.data().memberId(), removed);
        }
    }
}
