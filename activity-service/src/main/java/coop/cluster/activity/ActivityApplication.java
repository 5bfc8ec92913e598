package coop.cluster.activity;

import coop.cluster.activity.event.events.EventCancelled;
import coop.cluster.activity.event.events.EventPublished;
import coop.cluster.activity.registration.events.AttendanceRecorded;
import coop.cluster.activity.registration.events.RegistrationCancelled;
import coop.cluster.activity.registration.events.RegistrationConfirmed;
import coop.cluster.activity.registration.events.RegistrationPromoted;
import coop.cluster.activity.registration.events.RegistrationWaitlisted;
import coop.cluster.plumbing.events.EventCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The cluster's activity: exchange events (workshops, site visits, general assemblies, B2B
 * sessions, webinars), registrations with a waiting list, and attendance.
 */
@SpringBootApplication
public class ActivityApplication {

    public static void main(String[] args) {
        SpringApplication.run(ActivityApplication.class, args);
    }

    /** Every integration event this service publishes. */
    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.of(
                EventPublished.class,
                EventCancelled.class,
                RegistrationConfirmed.class,
                RegistrationWaitlisted.class,
                RegistrationPromoted.class,
                RegistrationCancelled.class,
                AttendanceRecorded.class);
    }
}
