package coop.cluster.notification.audience;

import coop.cluster.notification.audience.persistence.AudienceStore;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * notification-service's view of who should hear about what, built only from the events it consumes
 * (it never reads another service's store or API): the people, the organisations, the projects and
 * the watchers of each call, one document per aggregate ({@link AudienceStore}). Each event decides
 * which of its fields change (a field the event does not give is left as it is). One aggregate's
 * events arrive in order on one partition, and each is applied once ({@link
 * IdempotentEffects#applyOnce}: the dedupe record is in the document itself), so the latest event
 * wins. The watchers only grow by {@code $addToSet}, which is idempotent and commutative, so they
 * need no dedupe record.
 */
@Component
public class Audience implements Directory {

    private final AudienceStore store;
    private final PeopleView people;

    Audience(AudienceStore store, PeopleView people) {
        this.store = store;
        this.people = people;
    }

    // --- people

    public void registered(
            ReceivedEvent<?> event,
            String personId,
            String email,
            String displayName,
            String language) {
        Map<String, Object> set = new LinkedHashMap<>();
        setIfPresent(set, "email", email);
        setIfPresent(set, "displayName", displayName);
        setIfPresent(set, "language", language);
        applyToPerson(personId, event, set, List.of());
    }

    public void joined(
            ReceivedEvent<?> event,
            String personId,
            String memberId,
            List<String> roles,
            String email,
            String displayName,
            String language) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("memberId", memberId);
        set.put("roles", orEmpty(roles));
        setIfPresent(set, "email", email);
        setIfPresent(set, "displayName", displayName);
        setIfPresent(set, "language", language);
        applyToPerson(personId, event, set, List.of());
    }

    public void rolesChanged(
            ReceivedEvent<?> event,
            String personId,
            String memberId,
            List<String> roles,
            List<String> staffRoles) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("roles", orEmpty(roles));
        set.put("staffRoles", orEmpty(staffRoles));
        setIfPresent(set, "memberId", memberId);
        applyToPerson(personId, event, set, List.of());
    }

    public void left(ReceivedEvent<?> event, String personId) {
        applyToPerson(personId, event, Map.of("roles", List.of()), List.of("memberId"));
    }

    // --- organisations

    public void organisation(
            ReceivedEvent<?> event,
            String memberId,
            String status,
            String legalName,
            String appliedBy) {
        Map<String, Object> set = new LinkedHashMap<>();
        setIfPresent(set, "status", status);
        setIfPresent(set, "legalName", legalName);
        setIfPresent(set, "appliedBy", appliedBy);
        requireId(event, memberId);
        store.changeOrganisation(memberId, event.id(), set, List.of());
    }

    public void delegate(ReceivedEvent<?> event, String memberId, String subject) {
        requireId(event, memberId);
        if (subject == null) {
            store.changeOrganisation(memberId, event.id(), Map.of(), List.of("delegate"));
        } else {
            store.changeOrganisation(memberId, event.id(), Map.of("delegate", subject), List.of());
        }
    }

    // --- projects

    public void project(
            ReceivedEvent<?> event,
            String projectId,
            String title,
            String leaderId,
            List<String> partners) {
        Map<String, Object> set = new LinkedHashMap<>();
        setIfPresent(set, "title", title);
        setIfPresent(set, "leaderId", leaderId);
        setIfPresent(set, "partners", partners);
        requireId(event, projectId);
        store.changeProject(projectId, event.id(), set);
    }

    public void partnerJoined(ReceivedEvent<?> event, String projectId, String memberId) {
        requireId(event, projectId);
        store.partnerJoined(projectId, event.id(), memberId);
    }

    public void partnerLeft(ReceivedEvent<?> event, String projectId, String memberId) {
        requireId(event, projectId);
        store.partnerLeft(projectId, event.id(), memberId);
    }

    // --- exchange events (activity.events)

    /** An exchange event published: its titles, place, online link and times. */
    public void activity(
            ReceivedEvent<?> event,
            String eventId,
            String titleFr,
            String titleEn,
            String place,
            String onlineLink,
            Instant startsAt,
            Instant endsAt) {
        Map<String, Object> set = new LinkedHashMap<>();
        setIfPresent(set, "titleFr", titleFr);
        setIfPresent(set, "titleEn", titleEn);
        setIfPresent(set, "place", place);
        setIfPresent(set, "onlineLink", onlineLink);
        setIfPresent(set, "startsAt", startsAt == null ? null : Date.from(startsAt));
        setIfPresent(set, "endsAt", endsAt == null ? null : Date.from(endsAt));
        requireId(event, eventId);
        store.changeActivity(eventId, event.id(), set);
    }

    // --- watchers

    public void watching(String callId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        store.watching(callId, memberIds);
    }

    // --- questions

    /**
     * A directory for a batch of events about these organisations: their names and their people
     * read once, in two requests, when it is made (as each event would read them when handled); any
     * other question asked of the view as usual.
     */
    public Directory forMembers(Collection<String> memberIds) {
        Set<String> members = new LinkedHashSet<>(memberIds);
        members.remove(null);
        Map<String, AudienceStore.Organisation> organisations = new HashMap<>();
        Map<String, List<Person>> peopleByMember = new HashMap<>();
        if (!members.isEmpty()) {
            organisations.putAll(store.organisations(members));
            for (Person person : peopleOf(members)) {
                peopleByMember
                        .computeIfAbsent(person.memberId(), m -> new ArrayList<>())
                        .add(person);
            }
        }
        Audience view = this;
        return new Directory() {
            @Override
            public List<Person> peopleOf(Collection<String> asked) {
                if (!members.containsAll(asked)) {
                    return view.peopleOf(asked);
                }
                List<Person> people = new ArrayList<>();
                new LinkedHashSet<>(asked)
                        .forEach(m -> people.addAll(peopleByMember.getOrDefault(m, List.of())));
                return people;
            }

            @Override
            public List<Person> peopleOfFollowed(Collection<String> asked) {
                return peopleOf(asked);
            }

            @Override
            public Optional<String> organisationName(String memberId) {
                return members.contains(memberId)
                        ? Optional.ofNullable(organisations.get(memberId))
                                .map(AudienceStore.Organisation::legalName)
                        : view.organisationName(memberId);
            }

            @Override
            public Optional<String> appliedBy(String memberId) {
                return members.contains(memberId)
                        ? Optional.ofNullable(organisations.get(memberId))
                                .map(AudienceStore.Organisation::appliedBy)
                        : view.appliedBy(memberId);
            }

            @Override
            public List<Person> delegates() {
                return view.delegates();
            }

            @Override
            public List<Person> everyone() {
                return view.everyone();
            }

            @Override
            public Optional<Person> person(String personId) {
                return view.person(personId);
            }

            @Override
            public Optional<ProjectSummary> project(String projectId) {
                return view.project(projectId);
            }

            @Override
            public Set<String> watchersOf(String callId) {
                return view.watchersOf(callId);
            }

            @Override
            public List<Person> memberPeople() {
                return view.memberPeople();
            }

            @Override
            public Optional<Activity> activity(String eventId) {
                return view.activity(eventId);
            }
        };
    }

    @Override
    public List<Person> peopleOf(Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return List.of();
        }
        return store.peopleOf(memberIds);
    }

    /**
     * As {@link #peopleOf}, from the view of the people kept in memory when it can answer ({@link
     * PeopleView}).
     */
    @Override
    public List<Person> peopleOfFollowed(Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return List.of();
        }
        return people.peopleOf(memberIds).orElseGet(() -> peopleOf(memberIds));
    }

    /**
     * The people holding the {@code delegate} role, and the organisations' appointed delegates;
     * each once.
     */
    @Override
    public List<Person> delegates() {
        List<String> appointed = store.appointedDelegates();
        Map<String, Person> byId = new LinkedHashMap<>();
        store.peopleWithRoleOr("delegate", appointed).forEach(p -> byId.putIfAbsent(p.id(), p));
        return new ArrayList<>(byId.values());
    }

    @Override
    public List<Person> everyone() {
        return store.everyone();
    }

    @Override
    public Optional<Person> person(String personId) {
        return store.person(personId);
    }

    @Override
    public Optional<String> organisationName(String memberId) {
        return Optional.ofNullable(memberId)
                .flatMap(store::organisation)
                .map(AudienceStore.Organisation::legalName);
    }

    @Override
    public Optional<String> appliedBy(String memberId) {
        return Optional.ofNullable(memberId)
                .flatMap(store::organisation)
                .map(AudienceStore.Organisation::appliedBy);
    }

    @Override
    public Optional<ProjectSummary> project(String projectId) {
        return store.project(projectId);
    }

    @Override
    public Set<String> watchersOf(String callId) {
        return store.watchersOf(callId);
    }

    @Override
    public List<Person> memberPeople() {
        return store.memberPeople();
    }

    @Override
    public Optional<Activity> activity(String eventId) {
        return eventId == null ? Optional.empty() : store.activity(eventId);
    }

    /**
     * A person's change: the view of the people in memory follows it at once ({@link
     * PeopleView#writing}).
     */
    private void applyToPerson(
            String personId,
            ReceivedEvent<?> event,
            Map<String, Object> set,
            Collection<String> unset) {
        requireId(event, personId);
        people.writing(
                personId,
                () -> {
                    store.changePerson(personId, event.id(), set, unset);
                    return null;
                });
    }

    /** An event that names no aggregate cannot be applied: dead-lettered. */
    private static void requireId(ReceivedEvent<?> event, String id) {
        if (id == null || id.isBlank()) {
            throw new PoisonEventException(
                    event.type() + " " + event.id() + " names no aggregate id", null);
        }
    }

    private static void setIfPresent(Map<String, Object> set, String field, Object value) {
        if (value != null) {
            set.put(field, value);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
