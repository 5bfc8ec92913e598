package coop.cluster.notification.audience;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is who, as far as this service has heard: the questions recipient resolution asks of the
 * view.
 */
public interface Directory {

    /** The people of these member organisations. */
    List<Person> peopleOf(Collection<String> memberIds);

    /**
     * The people of these member organisations, for the notices that come in bursts (a call matched
     * to twenty organisations, a call every few milliseconds): as {@link #peopleOf}, but it may
     * answer from a view of the people that follows the store (this instance's changes at once,
     * other instances' within about a second) instead of reading the store for each event. A person
     * who joined that close to the match may not be told; the match and the join arrive on
     * different topics, so that was a race already.
     */
    default List<Person> peopleOfFollowed(Collection<String> memberIds) {
        return peopleOf(memberIds);
    }

    /**
     * The council's delegates: people holding the {@code delegate} role, and the members' appointed
     * delegates.
     */
    List<Person> delegates();

    /** Everyone with an account this service knows of. */
    List<Person> everyone();

    Optional<Person> person(String personId);

    /** The organisation's legal name, if known. */
    Optional<String> organisationName(String memberId);

    /** Who filed the organisation's application (the {@code sub}), if known. */
    Optional<String> appliedBy(String memberId);

    Optional<ProjectSummary> project(String projectId);

    /** The member organisations whose saved watches matched the call. */
    Set<String> watchersOf(String callId);

    /**
     * The people of member organisations: everyone this service knows who belongs to one (staff and
     * guests without an organisation are not).
     */
    List<Person> memberPeople();

    /** An exchange event as this service knows it ({@code event.published}), if it does. */
    Optional<Activity> activity(String eventId);

    /**
     * An exchange event as this service knows it: its titles, where and when.
     *
     * @param onlineLink null for an event held in a place only
     */
    record Activity(
            String eventId,
            String titleFr,
            String titleEn,
            String place,
            String onlineLink,
            Instant startsAt,
            Instant endsAt) {}

    /** A project as this service knows it: its title, leader and partners. */
    record ProjectSummary(String projectId, String title, String leaderId, Set<String> partners) {}
}
