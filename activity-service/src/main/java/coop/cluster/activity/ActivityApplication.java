package coop.cluster.activity;

import coop.cluster.activity.event.events.EventCancelled;
import coop.cluster.activity.event.events.EventPublished;
import coop.cluster.activity.meeting.events.MeetingAccepted;
import coop.cluster.activity.meeting.events.MeetingDeclined;
import coop.cluster.activity.meeting.events.MeetingRequested;
import coop.cluster.activity.meeting.events.MeetingScheduled;
import coop.cluster.activity.meeting.events.MeetingUnscheduled;
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
 * sessions, webinars), registrations with a waiting list, attendance, and the B2B meetings of B2B
 * sessions.
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
                AttendanceRecorded.class,
                MeetingRequested.class,
                MeetingAccepted.class,
                MeetingDeclined.class,
                MeetingScheduled.class,
                MeetingUnscheduled.class);
    }
}
