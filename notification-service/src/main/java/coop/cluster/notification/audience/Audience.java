package coop.cluster.notification.audience;

import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * notification-service's view of who should hear about what, built only from the events it consumes (it never
 * reads another service's store or API). Four collections, one document per aggregate:
 * <ul>
 *   <li>{@code people}: e-mail, name, language, organisation, roles and staff roles (identity.people);</li>
 *   <li>{@code organisations}: legal name, status, the applicant, the appointed delegate (membership.members);</li>
 *   <li>{@code projects}: title, leader, partners (project.projects);</li>
 *   <li>{@code call_watchers}: the member organisations whose saved watches matched a call
 *       (fundingwatch.opportunities, target kind {@code watch}).</li>
 * </ul>
 * One aggregate's events arrive in order on one partition, and each is applied once
 * ({@link IdempotentEffects#applyOnce}: the dedupe record is in the document itself), so the latest event wins.
 * The watchers only grow by {@code $addToSet}, which is idempotent and commutative, so they need no dedupe record.
 */
@Component
public class Audience implements Directory {

    static final String PEOPLE = "people";
    static final String ORGANISATIONS = "organisations";
    static final String PROJECTS = "projects";
    static final String CALL_WATCHERS = "call_watchers";

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;
    private final PeopleView people;

    Audience(MongoTemplate mongo, IdempotentEffects effects, PeopleView people) {
        this.mongo = mongo;
        this.effects = effects;
        this.people = people;
    }

    /** The indexes the questions use; made once the store answers (see {@code StoreIndexes}). */
    public static List<org.springframework.data.util.Pair<String, Index>> indexes() {
        return List.of(org.springframework.data.util.Pair.of(PEOPLE, new Index("memberId", Sort.Direction.ASC)),
                org.springframework.data.util.Pair.of(PEOPLE, new Index("roles", Sort.Direction.ASC)),
                org.springframework.data.util.Pair.of(ORGANISATIONS, new Index("delegate", Sort.Direction.ASC)));
    }

    // --- people

    public void registered(ReceivedEvent<?> event, String personId, String email, String displayName,
                           String language) {
        Update update = new Update();
        setIfPresent(update, "email", email);
        setIfPresent(update, "displayName", displayName);
        setIfPresent(update, "language", language);
        applyToPerson(personId, event, update);
    }

    public void joined(ReceivedEvent<?> event, String personId, String memberId, List<String> roles, String email,
                       String displayName, String language) {
        Update update = new Update().set("memberId", memberId).set("roles", orEmpty(roles));
        setIfPresent(update, "email", email);
        setIfPresent(update, "displayName", displayName);
        setIfPresent(update, "language", language);
        applyToPerson(personId, event, update);
    }

    public void rolesChanged(ReceivedEvent<?> event, String personId, String memberId, List<String> roles,
                             List<String> staffRoles) {
        Update update = new Update().set("roles", orEmpty(roles)).set("staffRoles", orEmpty(staffRoles));
        setIfPresent(update, "memberId", memberId);
        applyToPerson(personId, event, update);
    }

    public void left(ReceivedEvent<?> event, String personId) {
        applyToPerson(personId, event, new Update().unset("memberId").set("roles", List.of()));
    }

    // --- organisations

    public void organisation(ReceivedEvent<?> event, String memberId, String status, String legalName,
                             String appliedBy) {
        Update update = new Update();
        setIfPresent(update, "status", status);
        setIfPresent(update, "legalName", legalName);
        setIfPresent(update, "appliedBy", appliedBy);
        apply(ORGANISATIONS, memberId, event, update);
    }

    public void delegate(ReceivedEvent<?> event, String memberId, String subject) {
        Update update = subject == null ? new Update().unset("delegate") : new Update().set("delegate", subject);
        apply(ORGANISATIONS, memberId, event, update);
    }

    // --- projects

    public void project(ReceivedEvent<?> event, String projectId, String title, String leaderId,
                        List<String> partners) {
        Update update = new Update();
        setIfPresent(update, "title", title);
        setIfPresent(update, "leaderId", leaderId);
        if (partners != null) {
            update.set("partners", partners);
        }
        apply(PROJECTS, projectId, event, update);
    }

    public void partnerJoined(ReceivedEvent<?> event, String projectId, String memberId) {
        apply(PROJECTS, projectId, event, new Update().addToSet("partners", memberId));
    }

    public void partnerLeft(ReceivedEvent<?> event, String projectId, String memberId) {
        apply(PROJECTS, projectId, event, new Update().pull("partners", memberId));
    }

    // --- watchers

    public void watching(String callId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(callId)),
                new Update().addToSet("memberIds").each(memberIds.toArray()).set("updatedAt", new Date()),
                CALL_WATCHERS);
    }

    // --- questions

    /**
     * A directory for a batch of events about these organisations: their names and their people read once, in two
     * requests, when it is made (as each event would read them when handled); any other question asked of the view
     * as usual.
     */
    public Directory forMembers(Collection<String> memberIds) {
        Set<String> members = new LinkedHashSet<>(memberIds);
        members.remove(null);
        Map<String, Document> organisations = new java.util.HashMap<>();
        Map<String, List<Person>> peopleByMember = new java.util.HashMap<>();
        if (!members.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(members)), Document.class, ORGANISATIONS)
                    .forEach(d -> organisations.put(d.getString("_id"), d));
            for (Person person : peopleOf(members)) {
                peopleByMember.computeIfAbsent(person.memberId(), m -> new ArrayList<>()).add(person);
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
                new LinkedHashSet<>(asked).forEach(m -> people.addAll(peopleByMember.getOrDefault(m, List.of())));
                return people;
            }

            @Override
            public List<Person> peopleOfFollowed(Collection<String> asked) {
                return peopleOf(asked);
            }

            @Override
            public Optional<String> organisationName(String memberId) {
                return members.contains(memberId)
                        ? Optional.ofNullable(organisations.get(memberId)).map(d -> d.getString("legalName"))
                        : view.organisationName(memberId);
            }

            @Override
            public Optional<String> appliedBy(String memberId) {
                return members.contains(memberId)
                        ? Optional.ofNullable(organisations.get(memberId)).map(d -> d.getString("appliedBy"))
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
        };
    }

    @Override
    public List<Person> peopleOf(Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return List.of();
        }
        return people(Query.query(Criteria.where("memberId").in(memberIds)));
    }

    /** As {@link #peopleOf}, from the view of the people kept in memory when it can answer ({@link PeopleView}). */
    @Override
    public List<Person> peopleOfFollowed(Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return List.of();
        }
        return people.peopleOf(memberIds).orElseGet(() -> peopleOf(memberIds));
    }

    @Override
    public List<Person> delegates() {
        List<String> appointed = mongo.find(Query.query(Criteria.where("delegate").exists(true)), Document.class,
                ORGANISATIONS).stream().map(d -> d.getString("delegate")).toList();
        Map<String, Person> byId = new LinkedHashMap<>();
        people(Query.query(new Criteria().orOperator(Criteria.where("roles").is("delegate"),
                Criteria.where("_id").in(appointed)))).forEach(p -> byId.putIfAbsent(p.id(), p));
        return new ArrayList<>(byId.values());
    }

    @Override
    public List<Person> everyone() {
        return people(new Query());
    }

    @Override
    public Optional<Person> person(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Document.class, PEOPLE)).map(Audience::person);
    }

    @Override
    public Optional<String> organisationName(String memberId) {
        return organisationField(memberId, "legalName");
    }

    @Override
    public Optional<String> appliedBy(String memberId) {
        return organisationField(memberId, "appliedBy");
    }

    @Override
    public Optional<ProjectSummary> project(String projectId) {
        return Optional.ofNullable(mongo.findById(projectId, Document.class, PROJECTS))
                .map(d -> new ProjectSummary(projectId, d.getString("title"), d.getString("leaderId"),
                        new LinkedHashSet<>(d.getList("partners", String.class, List.of()))));
    }

    @Override
    public Set<String> watchersOf(String callId) {
        return Optional.ofNullable(mongo.findById(callId, Document.class, CALL_WATCHERS))
                .map(d -> (Set<String>) new LinkedHashSet<>(d.getList("memberIds", String.class, List.of())))
                .orElse(Set.of());
    }

    private Optional<String> organisationField(String memberId, String field) {
        return Optional.ofNullable(memberId).map(id -> mongo.findById(id, Document.class, ORGANISATIONS))
                .map(d -> d.getString(field));
    }

    private List<Person> people(Query query) {
        return mongo.find(query, Document.class, PEOPLE).stream().map(Audience::person).toList();
    }

    static Person person(Document d) {
        return new Person(d.getString("_id"), d.getString("email"), d.getString("displayName"),
                d.getString("language"), d.getString("memberId"),
                new LinkedHashSet<>(d.getList("roles", String.class, List.of())),
                new LinkedHashSet<>(d.getList("staffRoles", String.class, List.of())));
    }

    /** A person's change: the view of the people in memory follows it at once ({@link PeopleView#writing}). */
    private void applyToPerson(String personId, ReceivedEvent<?> event, Update update) {
        if (personId == null || personId.isBlank()) {
            apply(PEOPLE, personId, event, update);
            return;
        }
        people.writing(personId, () -> {
            apply(PEOPLE, personId, event, update);
            return null;
        });
    }

    private void apply(String collection, String id, ReceivedEvent<?> event, Update update) {
        if (id == null || id.isBlank()) {
            throw new coop.cluster.plumbing.consumer.PoisonEventException(
                    event.type() + " " + event.id() + " names no aggregate id", null);
        }
        update.set("updatedAt", new Date());
        effects.applyOnce(collection, id, event.id(), update);
    }

    private static void setIfPresent(Update update, String field, Object value) {
        if (value != null) {
            update.set(field, value);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
