package coop.cluster.membership;

import coop.cluster.membership.council.CouncilSettings;
import coop.cluster.membership.council.events.FeeExemptionGranted;
import coop.cluster.membership.council.events.FeeScheduleAdopted;
import coop.cluster.membership.council.events.ProposalTabled;
import coop.cluster.membership.council.events.ResolutionAdopted;
import coop.cluster.membership.council.events.ResolutionRejected;
import coop.cluster.membership.group.events.GroupCreated;
import coop.cluster.membership.group.events.GroupMembershipChanged;
import coop.cluster.membership.member.events.DelegateAppointed;
import coop.cluster.membership.member.events.DelegateRemoved;
import coop.cluster.membership.member.events.MemberAdmitted;
import coop.cluster.membership.member.events.MemberApplied;
import coop.cluster.membership.member.events.MemberExcluded;
import coop.cluster.membership.member.events.MemberLeft;
import coop.cluster.membership.member.events.MemberProfileChanged;
import coop.cluster.membership.member.events.MemberReinstated;
import coop.cluster.membership.member.events.MemberRejected;
import coop.cluster.membership.member.events.MemberSuspended;
import coop.cluster.plumbing.events.EventCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(CouncilSettings.class)
public class MembershipApplication {

    public static void main(String[] args) {
        SpringApplication.run(MembershipApplication.class, args);
    }

    /** Every integration event this service publishes. */
    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.of(
                MemberApplied.class,
                MemberAdmitted.class,
                MemberRejected.class,
                MemberProfileChanged.class,
                MemberSuspended.class,
                MemberReinstated.class,
                MemberLeft.class,
                MemberExcluded.class,
                DelegateAppointed.class,
                DelegateRemoved.class,
                ProposalTabled.class,
                ResolutionAdopted.class,
                ResolutionRejected.class,
                FeeScheduleAdopted.class,
                FeeExemptionGranted.class,
                GroupCreated.class,
                GroupMembershipChanged.class);
    }
}
