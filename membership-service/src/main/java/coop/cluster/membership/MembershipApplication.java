package coop.cluster.membership;

import coop.cluster.membership.member.events.MemberApplied;
import coop.cluster.plumbing.events.EventCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class MembershipApplication {

    public static void main(String[] args) {
        SpringApplication.run(MembershipApplication.class, args);
    }

    /** Every integration event this service publishes. */
    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.of(MemberApplied.class);
    }
}
