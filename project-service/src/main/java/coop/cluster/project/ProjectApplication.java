package coop.cluster.project;

import coop.cluster.plumbing.events.EventCatalog;
import coop.cluster.project.invitation.InvitationSettings;
import coop.cluster.project.invitation.events.InvitationAccepted;
import coop.cluster.project.invitation.events.InvitationDeclined;
import coop.cluster.project.invitation.events.InvitationExpired;
import coop.cluster.project.invitation.events.InvitationWithdrawn;
import coop.cluster.project.invitation.events.PartnerInvited;
import coop.cluster.project.project.events.AgreementProposed;
import coop.cluster.project.project.events.AgreementSigned;
import coop.cluster.project.project.events.PartnerJoined;
import coop.cluster.project.project.events.PartnerLeft;
import coop.cluster.project.project.events.ProjectAbandoned;
import coop.cluster.project.project.events.ProjectClosed;
import coop.cluster.project.project.events.ProjectCreated;
import coop.cluster.project.project.events.ProjectUpdated;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(InvitationSettings.class)
public class ProjectApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectApplication.class, args);
    }

    /** Every integration event this service publishes. */
    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.of(
                ProjectCreated.class,
                ProjectUpdated.class,
                ProjectClosed.class,
                ProjectAbandoned.class,
                PartnerJoined.class,
                PartnerLeft.class,
                AgreementProposed.class,
                AgreementSigned.class,
                PartnerInvited.class,
                InvitationAccepted.class,
                InvitationDeclined.class,
                InvitationExpired.class,
                InvitationWithdrawn.class);
    }
}
