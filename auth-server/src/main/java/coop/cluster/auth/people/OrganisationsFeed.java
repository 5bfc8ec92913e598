package coop.cluster.auth.people;

import coop.cluster.auth.people.MembershipEvents.Applied;
import coop.cluster.auth.people.MembershipEvents.DelegateAppointed;
import coop.cluster.auth.people.MembershipEvents.DelegateRemoved;
import coop.cluster.auth.people.MembershipEvents.StatusChanged;
import coop.cluster.auth.people.domain.OrganisationStatus;
import coop.cluster.auth.people.events.AccessRevoked;
import coop.cluster.auth.people.events.LeftOrganisation;
import coop.cluster.auth.people.persistence.OrganisationStore;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the view {@code organisations} from membership's events, and acts on people: the applicant
 * of an admitted member becomes its admin; the people of a member that left or was excluded leave
 * it; a suspended member's people lose their sessions; the {@code delegate} role follows the
 * appointment.
 *
 * <p>Correct without transactions: the view applies each event once (by its id); the effects on
 * people are idempotent by state (a person who left already is not in the organisation any more),
 * so they are run again on a redelivery, which finishes what a crash interrupted. An event without
 * a member id is poison: dead letter.
 */
@Configuration(proxyBeanMethods = false)
class OrganisationsFeed {

    private final OrganisationStore organisations;
    private final People people;
    private final EventFactory events;
    private final Clock clock;

    OrganisationsFeed(
            OrganisationStore organisations, People people, EventFactory events, Clock clock) {
        this.organisations = organisations;
        this.people = people;
        this.events = events;
        this.clock = clock;
    }

    @Bean
    EventSubscription membershipMembersForPeople() {
        return EventSubscription.named("organisations")
                .topics(MembershipEvents.TOPIC)
                .on(MembershipEvents.APPLIED_V1, Applied.class, this::onApplied)
                .on(MembershipEvents.ADMITTED_V1, StatusChanged.class, this::onAdmitted)
                .on(
                        MembershipEvents.REJECTED_V1,
                        StatusChanged.class,
                        event -> status(event, OrganisationStatus.REJECTED))
                .on(
                        MembershipEvents.REINSTATED_V1,
                        StatusChanged.class,
                        event -> status(event, OrganisationStatus.ACTIVE))
                .on(MembershipEvents.SUSPENDED_V1, StatusChanged.class, this::onSuspended)
                .on(
                        MembershipEvents.LEFT_V1,
                        StatusChanged.class,
                        event ->
                                onEnded(
                                        event,
                                        OrganisationStatus.LEFT,
                                        LeftOrganisation.MEMBER_LEFT))
                .on(
                        MembershipEvents.EXCLUDED_V1,
                        StatusChanged.class,
                        event ->
                                onEnded(
                                        event,
                                        OrganisationStatus.EXCLUDED,
                                        LeftOrganisation.MEMBER_EXCLUDED))
                .on(
                        MembershipEvents.DELEGATE_APPOINTED_V1,
                        DelegateAppointed.class,
                        this::onDelegateAppointed)
                .on(
                        MembershipEvents.DELEGATE_REMOVED_V1,
                        DelegateRemoved.class,
                        this::onDelegateRemoved)
                .build();
    }

    void onApplied(ReceivedEvent<Applied> event) {
        String memberId = required(event, event.data().memberId());
        organisations.apply(
                event.id(),
                memberId,
                OrganisationStatus.APPLIED,
                event.data().appliedBy(),
                List.of());
    }

    void onAdmitted(ReceivedEvent<StatusChanged> event) {
        String memberId = required(event, event.data().memberId());
        organisations.apply(event.id(), memberId, OrganisationStatus.ACTIVE, null, List.of());
        organisations
                .find(memberId)
                .map(organisation -> organisation.appliedBy())
                .ifPresent(applicant -> people.admitted(memberId, applicant));
    }

    void onSuspended(ReceivedEvent<StatusChanged> event) {
        String memberId = required(event, event.data().memberId());
        organisations.apply(
                event.id(),
                memberId,
                OrganisationStatus.SUSPENDED,
                null,
                List.of(revoked(memberId, event, "member-suspended")));
        people.organisationSuspended(memberId);
    }

    void onEnded(ReceivedEvent<StatusChanged> event, OrganisationStatus status, String reason) {
        String memberId = required(event, event.data().memberId());
        organisations.apply(
                event.id(), memberId, status, null, List.of(revoked(memberId, event, reason)));
        people.organisationEnded(memberId, reason);
    }

    void onDelegateAppointed(ReceivedEvent<DelegateAppointed> event) {
        String memberId = required(event, event.data().memberId());
        people.delegateAppointed(
                memberId, required(event, event.data().subject()), event.data().previousSubject());
    }

    void onDelegateRemoved(ReceivedEvent<DelegateRemoved> event) {
        people.delegateRemoved(
                required(event, event.data().memberId()), required(event, event.data().subject()));
    }

    private void status(ReceivedEvent<StatusChanged> event, OrganisationStatus status) {
        organisations.apply(
                event.id(), required(event, event.data().memberId()), status, null, List.of());
    }

    /**
     * Revoked as of now, not as of membership's event: a token issued in between, before this view
     * knew, still carries the member id and must be refused too.
     */
    private PendingEvent revoked(String memberId, ReceivedEvent<?> event, String reason) {
        return events.create(
                OrganisationStore.AGGREGATE,
                memberId,
                new AccessRevoked(null, memberId, clock.instant(), reason));
    }

    private static String required(ReceivedEvent<?> event, String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonEventException(
                    "a " + event.type() + " without a member id or subject: " + event.id(), null);
        }
        return value;
    }
}
