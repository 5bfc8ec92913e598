package coop.cluster.auth;

import coop.cluster.auth.clients.ClientChanged;
import coop.cluster.auth.login.LoginFailed;
import coop.cluster.auth.people.events.AccessRevoked;
import coop.cluster.auth.people.events.JoinedOrganisation;
import coop.cluster.auth.people.events.LeftOrganisation;
import coop.cluster.auth.people.events.PersonInvited;
import coop.cluster.auth.people.events.PersonRegistered;
import coop.cluster.auth.people.events.RolesChanged;
import coop.cluster.plumbing.events.EventCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The platform's identity service and embedded OAuth 2 / OpenID Connect authorization server
 * (docs/identity.md, docs/people.md), the default issuer of {@code ./platform run}: people, their
 * organisations and roles, in the database {@code identity}; their changes on topic {@code
 * identity.people}.
 */
@SpringBootApplication
public class AuthServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServerApplication.class, args);
    }

    /** Every integration event this service publishes. */
    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.of(
                PersonInvited.class,
                PersonRegistered.class,
                JoinedOrganisation.class,
                RolesChanged.class,
                LeftOrganisation.class,
                AccessRevoked.class,
                LoginFailed.class,
                ClientChanged.class);
    }
}
