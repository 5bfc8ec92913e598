package coop.cluster.membership.people;

import coop.cluster.membership.member.Members;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.people.IdentityEvents.PersonJoinedOrganisation;
import coop.cluster.membership.people.IdentityEvents.PersonLeftOrganisation;
import coop.cluster.membership.people.IdentityEvents.PersonRolesChanged;
import coop.cluster.membership.people.domain.PersonChange;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps {@link OrganisationPeople} from the identity service's events (subscription {@code
 * organisation-people}), and takes the seat away from a person who leaves the organisation that it
 * represents: a delegate must be one of the member's people. An event without its person, its
 * member (where it needs one) or its time cannot be applied by any retry and goes to the
 * dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class IdentityPeople {

    private static final Logger log = LoggerFactory.getLogger(IdentityPeople.class);

    private final OrganisationPeople people;
    private final Members members;
    private final MeterRegistry meters;

    IdentityPeople(OrganisationPeople people, Members members, MeterRegistry meters) {
        this.people = people;
        this.members = members;
        this.meters = meters;
    }

    @Bean
    EventSubscription identityPeopleForMembers() {
        return EventSubscription.named("organisation-people")
                .topics(IdentityEvents.TOPIC)
                .on(
                        IdentityEvents.JOINED_ORGANISATION_V1,
                        PersonJoinedOrganisation.class,
                        this::onJoined)
                .on(IdentityEvents.ROLES_CHANGED_V1, PersonRolesChanged.class, this::onRolesChanged)
                .on(IdentityEvents.LEFT_ORGANISATION_V1, PersonLeftOrganisation.class, this::onLeft)
                .build();
    }

    void onJoined(ReceivedEvent<PersonJoinedOrganisation> event) {
        PersonJoinedOrganisation joined = event.data();
        require(
                event,
                present(joined.personId()) && present(joined.memberId()),
                "personId or memberId");
        apply(
                event,
                new PersonChange(
                        PersonChange.Kind.JOINED,
                        joined.personId(),
                        joined.memberId(),
                        joined.roles(),
                        null,
                        joined.email(),
                        joined.displayName(),
                        joined.language(),
                        null,
                        event.time(),
                        event.id()));
    }

    void onRolesChanged(ReceivedEvent<PersonRolesChanged> event) {
        PersonRolesChanged changed = event.data();
        require(event, present(changed.personId()), "personId");
        apply(
                event,
                new PersonChange(
                        PersonChange.Kind.ROLES_CHANGED,
                        changed.personId(),
                        present(changed.memberId()) ? changed.memberId() : null,
                        changed.roles(),
                        changed.staffRoles(),
                        null,
                        null,
                        null,
                        null,
                        event.time(),
                        event.id()));
    }

    /**
     * The person leaves the view's member, then the member's seat and nomination if they are
     * theirs. The second step runs whether or not the first was new (a retry after a failure
     * between the two finds the view written already), unless a later event brought the person back
     * to that member.
     */
    void onLeft(ReceivedEvent<PersonLeftOrganisation> event) {
        PersonLeftOrganisation left = event.data();
        require(
                event,
                present(left.personId()) && present(left.memberId()),
                "personId or memberId");
        apply(
                event,
                new PersonChange(
                        PersonChange.Kind.LEFT,
                        left.personId(),
                        left.memberId(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        left.reason(),
                        event.time(),
                        event.id()));
        MemberId member = new MemberId(left.memberId());
        if (people.isPersonOf(member, left.personId())) {
            log.info(
                    "{} left member {} ({}) but a later event has them back: their seat stays",
                    left.personId(),
                    member,
                    left.reason());
            return;
        }
        members.removePerson(member, left.personId(), Members.LEFT_ORGANISATION);
    }

    private void apply(ReceivedEvent<?> event, PersonChange change) {
        OrganisationPeople.Outcome outcome = people.apply(change);
        meters.counter(
                        "cluster.membership.people.changes",
                        "kind",
                        change.kind().name().toLowerCase(Locale.ROOT),
                        "outcome",
                        outcome.name().toLowerCase(Locale.ROOT))
                .increment();
        if (outcome == OrganisationPeople.Outcome.IGNORED) {
            log.info(
                    "Identity event {} ({}) about {} is not later than the view's last change of"
                            + " them: ignored",
                    event.id(),
                    event.type(),
                    change.personId());
        }
    }

    /**
     * An event that cannot be applied (no person, no member where one is needed, no time to order
     * it by).
     */
    private static void require(ReceivedEvent<?> event, boolean complete, String fields) {
        if (!complete || event.time() == null) {
            throw new PoisonEventException(
                    event.type()
                            + " "
                            + event.id()
                            + " without "
                            + fields
                            + " or without its time (ce_time)",
                    null);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
