package coop.cluster.notification.audience.persistence;

import coop.cluster.notification.audience.Directory;
import coop.cluster.notification.audience.Person;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The view's five collections, one document per aggregate:
 *
 * <ul>
 *   <li>{@code people}: e-mail, name, language, organisation, roles and staff roles
 *       (identity.people);
 *   <li>{@code organisations}: legal name, status, the applicant, the appointed delegate
 *       (membership.members);
 *   <li>{@code projects}: title, leader, partners (project.projects);
 *   <li>{@code call_watchers}: the member organisations whose saved watches matched a call
 *       (fundingwatch.opportunities, target kind {@code watch});
 *   <li>{@code activities}: each exchange event's titles, place, online link and times
 *       (activity.events, {@code event.published}).
 * </ul>
 *
 * A change of a person, an organisation or a project is applied once per event ({@link
 * IdempotentEffects#applyOnce}: the dedupe record is in the document itself) and stamps {@code
 * updatedAt}. The watchers only grow by {@code $addToSet}, which is idempotent and commutative, so
 * they need no dedupe record.
 */
@Repository
public class AudienceStore {

    private static final Logger log = LoggerFactory.getLogger(AudienceStore.class);

    static final String PEOPLE = "people";
    static final String ORGANISATIONS = "organisations";
    static final String PROJECTS = "projects";
    static final String CALL_WATCHERS = "call_watchers";
    static final String ACTIVITIES = "activities";

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    AudienceStore(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    /** An organisation as the view knows it. */
    public record Organisation(String id, String legalName, String appliedBy) {}

    /**
     * A person as stored, with the time of their last change ({@code updatedAt}; null if never
     * stamped).
     */
    public record StoredPerson(Person person, Instant updatedAt) {}

    /**
     * The indexes the questions use, made once the service is ready; a store out of reach then
     * leaves them to the next start.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void createIndexes() {
        index(PEOPLE, new Index("memberId", Sort.Direction.ASC));
        index(PEOPLE, new Index("roles", Sort.Direction.ASC));
        index(ORGANISATIONS, new Index("delegate", Sort.Direction.ASC));
    }

    // --- writes

    /**
     * Changes the person's document, once for the event: sets {@code set}, removes {@code unset}.
     */
    public void changePerson(
            String personId, String eventId, Map<String, Object> set, Collection<String> unset) {
        apply(PEOPLE, personId, eventId, update(set, unset));
    }

    /**
     * Changes the organisation's document, once for the event: sets {@code set}, removes {@code
     * unset}.
     */
    public void changeOrganisation(
            String memberId, String eventId, Map<String, Object> set, Collection<String> unset) {
        apply(ORGANISATIONS, memberId, eventId, update(set, unset));
    }

    /** Changes the project's document, once for the event: sets {@code set}. */
    public void changeProject(String projectId, String eventId, Map<String, Object> set) {
        apply(PROJECTS, projectId, eventId, update(set, List.of()));
    }

    /** Changes the exchange event's document, once for the event: sets {@code set}. */
    public void changeActivity(String activityId, String eventId, Map<String, Object> set) {
        apply(ACTIVITIES, activityId, eventId, update(set, List.of()));
    }

    /** Adds a partner to the project, once for the event. */
    public void partnerJoined(String projectId, String eventId, String memberId) {
        apply(PROJECTS, projectId, eventId, new Update().addToSet("partners", memberId));
    }

    /** Removes a partner from the project, once for the event. */
    public void partnerLeft(String projectId, String eventId, String memberId) {
        apply(PROJECTS, projectId, eventId, new Update().pull("partners", memberId));
    }

    /**
     * Adds organisations to the watchers of the call ({@code $addToSet}: no dedupe record needed).
     */
    public void watching(String callId, Collection<String> memberIds) {
        mongo.upsert(
                Query.query(Criteria.where("_id").is(callId)),
                new Update()
                        .addToSet("memberIds")
                        .each(memberIds.toArray())
                        .set("updatedAt", new Date()),
                CALL_WATCHERS);
    }

    // --- reads

    /** These organisations, by id, in one read (those the view does not know are left out). */
    public Map<String, Organisation> organisations(Collection<String> memberIds) {
        Map<String, Organisation> found = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(memberIds)), Document.class, ORGANISATIONS)
                .forEach(d -> found.put(d.getString("_id"), organisation(d)));
        return found;
    }

    public Optional<Organisation> organisation(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, Document.class, ORGANISATIONS))
                .map(AudienceStore::organisation);
    }

    /** The people of these organisations, in one read. */
    public List<Person> peopleOf(Collection<String> memberIds) {
        return people(Query.query(Criteria.where("memberId").in(memberIds)));
    }

    /**
     * The people the organisations appointed as their delegates ({@code delegate}), one per
     * organisation.
     */
    public List<String> appointedDelegates() {
        return mongo
                .find(
                        Query.query(Criteria.where("delegate").exists(true)),
                        Document.class,
                        ORGANISATIONS)
                .stream()
                .map(d -> d.getString("delegate"))
                .toList();
    }

    /**
     * The people holding {@code role}, and those of these ids, in one read (a person in both comes
     * once).
     */
    public List<Person> peopleWithRoleOr(String role, Collection<String> personIds) {
        return people(
                Query.query(
                        new Criteria()
                                .orOperator(
                                        Criteria.where("roles").is(role),
                                        Criteria.where("_id").in(personIds))));
    }

    public List<Person> everyone() {
        return people(new Query());
    }

    /** The people who belong to a member organisation. */
    public List<Person> memberPeople() {
        return people(Query.query(Criteria.where("memberId").ne(null)));
    }

    public Optional<Directory.Activity> activity(String activityId) {
        return Optional.ofNullable(mongo.findById(activityId, Document.class, ACTIVITIES))
                .map(
                        d ->
                                new Directory.Activity(
                                        activityId,
                                        d.getString("titleFr"),
                                        d.getString("titleEn"),
                                        d.getString("place"),
                                        d.getString("onlineLink"),
                                        instant(d.getDate("startsAt")),
                                        instant(d.getDate("endsAt"))));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    public Optional<Person> person(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Document.class, PEOPLE))
                .map(AudienceStore::person);
    }

    /** The person as stored, with their last change's time. */
    public Optional<StoredPerson> storedPerson(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Document.class, PEOPLE))
                .map(AudienceStore::stored);
    }

    /**
     * The people changed at or after {@code since} ({@code updatedAt}); everyone when it is null.
     */
    public List<StoredPerson> changedSince(Instant since) {
        Query query =
                since == null
                        ? new Query()
                        : Query.query(Criteria.where("updatedAt").gte(Date.from(since)));
        return mongo.find(query, Document.class, PEOPLE).stream()
                .map(AudienceStore::stored)
                .toList();
    }

    public Optional<Directory.ProjectSummary> project(String projectId) {
        return Optional.ofNullable(mongo.findById(projectId, Document.class, PROJECTS))
                .map(
                        d ->
                                new Directory.ProjectSummary(
                                        projectId,
                                        d.getString("title"),
                                        d.getString("leaderId"),
                                        new LinkedHashSet<>(
                                                d.getList("partners", String.class, List.of()))));
    }

    public Set<String> watchersOf(String callId) {
        return Optional.ofNullable(mongo.findById(callId, Document.class, CALL_WATCHERS))
                .map(
                        d ->
                                (Set<String>)
                                        new LinkedHashSet<>(
                                                d.getList("memberIds", String.class, List.of())))
                .orElse(Set.of());
    }

    private List<Person> people(Query query) {
        return mongo.find(query, Document.class, PEOPLE).stream()
                .map(AudienceStore::person)
                .toList();
    }

    private void apply(String collection, String id, String eventId, Update update) {
        update.set("updatedAt", new Date());
        effects.applyOnce(collection, id, eventId, update);
    }

    private static Update update(Map<String, Object> set, Collection<String> unset) {
        Update update = new Update();
        set.forEach(update::set);
        unset.forEach(update::unset);
        return update;
    }

    private static Person person(Document d) {
        return new Person(
                d.getString("_id"),
                d.getString("email"),
                d.getString("displayName"),
                d.getString("language"),
                d.getString("memberId"),
                new LinkedHashSet<>(d.getList("roles", String.class, List.of())),
                new LinkedHashSet<>(d.getList("staffRoles", String.class, List.of())));
    }

    private static StoredPerson stored(Document d) {
        Date updatedAt = d.getDate("updatedAt");
        return new StoredPerson(person(d), updatedAt == null ? null : updatedAt.toInstant());
    }

    private static Organisation organisation(Document d) {
        return new Organisation(
                d.getString("_id"), d.getString("legalName"), d.getString("appliedBy"));
    }

    private void index(String collection, Index index) {
        try {
            mongo.indexOps(collection).createIndex(index);
        } catch (RuntimeException e) {
            log.warn("Could not create an index on {} now: {}", collection, e.toString());
        }
    }
}
