package coop.cluster.fundingwatch.call.persistence;

import coop.cluster.fundingwatch.call.domain.CallChange;
import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.CloseReason;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.Money;
import coop.cluster.fundingwatch.call.domain.ReminderKey;
import coop.cluster.fundingwatch.call.domain.ReminderSchedule;
import coop.cluster.fundingwatch.call.domain.Reminders;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Funding calls; every change is written with the events that announce it, in one single-document
 * write. Every write also stores when the call's next deadline reminder is due ({@code
 * nextReminderAt}, from the {@link ReminderSchedule} at the time of the write), so the reminder
 * sweep reads only the calls with one due.
 */
@Repository
public class CallStore {

    private final MongoTemplate mongo;
    private final OutboxWriter outbox;
    private final ReminderSchedule reminders;
    private final Clock clock;
    private final ApplicationEventPublisher written;

    CallStore(
            MongoTemplate mongo,
            OutboxWriter outbox,
            ReminderSchedule reminders,
            Clock clock,
            ApplicationEventPublisher written) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.reminders = reminders;
        this.clock = clock;
        this.written = written;
    }

    /**
     * Announced in-process after every write of a call by this instance (with the version stored),
     * so that what follows the store (the search index) sees this instance's writes at once; other
     * instances' writes are found by {@link #changedSince}.
     */
    public record Written(TrackedCall call) {}

    private TrackedCall announce(TrackedCall stored) {
        written.publishEvent(new Written(stored));
        return stored;
    }

    /**
     * Calls by time of last change ({@code lastChanged >= since}), oldest change first, then by id:
     * what a follower of the store reads to catch up. Writes that change nothing a reader sees
     * (reminders) do not move {@code lastChanged}.
     */
    public List<TrackedCall> changedSince(Instant since, int limit) {
        Query query =
                Query.query(Criteria.where("lastChanged").gte(since))
                        .with(Sort.by("lastChanged", "_id"))
                        .limit(limit);
        return mongo.find(query, CallDocument.class).stream().map(CallStore::toDomain).toList();
    }

    public Optional<TrackedCall> find(String id) {
        return Optional.ofNullable(mongo.findById(id, CallDocument.class)).map(CallStore::toDomain);
    }

    /**
     * The field of a call's document, beside what {@link CallDocument} maps, that lists the targets
     * told of it ("opportunity matched"): written in the same write as those events.
     */
    static final String TOLD = "opportunitiesTold";

    static final String CALLS = "calls";

    /**
     * A call as stored, and the targets told of it.
     *
     * @param told the keys of the targets already told ("opportunity matched") of this call
     */
    public record Stored(TrackedCall call, Set<String> told) {

        public Stored {
            told = Set.copyOf(told);
        }
    }

    /** The call with the targets told of it, in one read. */
    public Optional<Stored> findStored(String id) {
        Document raw = mongo.findById(id, Document.class, CALLS);
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.of(
                new Stored(
                        toDomain(mongo.getConverter().read(CallDocument.class, raw)),
                        new HashSet<>(raw.getList(TOLD, String.class, List.of()))));
    }

    /**
     * The calls among {@code ids} that are stored, each with the targets told of it, in ONE read
     * ({@code _id $in}); an id with no call is absent from the map.
     */
    public Map<String, Stored> findStored(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Stored> found = new LinkedHashMap<>();
        for (Document raw :
                mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, CALLS)) {
            found.put(
                    raw.getString("_id"),
                    new Stored(
                            toDomain(mongo.getConverter().read(CallDocument.class, raw)),
                            new HashSet<>(raw.getList(TOLD, String.class, List.of()))));
        }
        return found;
    }

    /**
     * A call seen for the first time, as {@link #insertAll} stores it: with its events and the
     * targets they tell.
     */
    public record NewCall(TrackedCall call, List<PendingEvent> events, Collection<String> told) {

        public NewCall {
            events = List.copyOf(events);
            told = List.copyOf(told);
        }
    }

    /**
     * What {@link #insertAll} did.
     *
     * @param inserted the calls stored (version 0), in the order given
     * @param duplicates the ids of calls that were stored already (a concurrent insert): nothing
     *     written for them
     * @param failed the ids of calls the store refused for another reason, with its message
     */
    public record InsertedAll(
            List<TrackedCall> inserted, Set<String> duplicates, Map<String, String> failed) {}

    /**
     * Stores calls seen for the first time, each with its events and the targets told in its own
     * document (as {@link #insert(TrackedCall, List, Collection)} does one), in ONE unordered
     * {@code insertMany}: a call stored meanwhile by someone else is a duplicate, reported and not
     * written, and the others are stored all the same. The relay is told of every document written
     * (and, when the store's answer is lost, of every document sent, so whatever did get written
     * goes out without waiting for its scan).
     *
     * @throws org.springframework.dao.DataAccessException when the store did not answer the command
     *     at all
     */
    public InsertedAll insertAll(List<NewCall> calls) {
        Instant now = clock.instant();
        OutboxWriter.InsertedAll<CallDocument> done =
                outbox.insertAll(
                        calls.stream()
                                .map(
                                        c ->
                                                new OutboxWriter.NewDocument<>(
                                                        toDocument(c.call(), now),
                                                        c.events(),
                                                        c.told().isEmpty()
                                                                ? Map.<String, Object>of()
                                                                : Map.of(
                                                                        TOLD,
                                                                        List.copyOf(c.told()))))
                                .toList());
        List<TrackedCall> inserted = new ArrayList<>(done.inserted().size());
        done.inserted().values().forEach(document -> inserted.add(announce(toDomain(document))));
        Set<String> duplicates = new HashSet<>();
        done.duplicates().forEach(i -> duplicates.add(calls.get(i).call().id()));
        Map<String, String> failed = new LinkedHashMap<>();
        done.failed().forEach((i, why) -> failed.put(calls.get(i).call().id(), why));
        return new InsertedAll(inserted, duplicates, failed);
    }

    /**
     * Stores a call seen for the first time with its events.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the call is stored already (a
     *     concurrent insert)
     */
    public TrackedCall insert(TrackedCall call, List<PendingEvent> events) {
        return insert(call, events, List.of());
    }

    /**
     * As {@link #insert(TrackedCall, List)}, recording that {@code told} targets were told of it,
     * in the same write.
     */
    public TrackedCall insert(
            TrackedCall call, List<PendingEvent> events, Collection<String> told) {
        return announce(
                toDomain(
                        outbox.insert(
                                toDocument(call, clock.instant()),
                                events,
                                told.isEmpty() ? Map.of() : Map.of(TOLD, List.copyOf(told)))));
    }

    /**
     * Stores a change of a call read from the store, with its events, if nobody changed it since.
     *
     * @throws org.springframework.dao.OptimisticLockingFailureException when its version moved on
     *     meanwhile
     */
    public TrackedCall update(TrackedCall call, List<PendingEvent> events) {
        return update(call, events, List.of());
    }

    /**
     * As {@link #update(TrackedCall, List)}, adding {@code told} to the targets told of it, in the
     * same write.
     */
    public TrackedCall update(
            TrackedCall call, List<PendingEvent> events, Collection<String> told) {
        return update(call, events, told, null);
    }

    /**
     * As {@link #update(TrackedCall, List, Collection)}, and appends {@code change} (unless null)
     * to the call's history ({@value #CHANGES}), in the same single-document write: the history
     * holds exactly the changes stored, each once, whatever is retried or sent again. Only the
     * newest {@value CallChange#KEPT} are kept.
     */
    public TrackedCall update(
            TrackedCall call,
            List<PendingEvent> events,
            Collection<String> told,
            CallChange change) {
        return announce(
                toDomain(
                        outbox.update(
                                toDocument(call, clock.instant()),
                                events,
                                update -> {
                                    if (!told.isEmpty()) {
                                        update.addToSet(TOLD).each(told.toArray());
                                    }
                                    if (change != null) {
                                        update.push(CHANGES)
                                                .slice(-CallChange.KEPT)
                                                .each(toDocument(change));
                                    }
                                })));
    }

    /**
     * The field of a call's document, beside what {@link CallDocument} maps, that holds its
     * history: the newest {@value CallChange#KEPT} changes, oldest first ({@link #changes}).
     */
    static final String CHANGES = "changes";

    /**
     * The call's history, oldest first (only that field is read); empty when there is no such call.
     */
    public Optional<List<CallChange>> changes(String id) {
        Query query = Query.query(Criteria.where("_id").is(id));
        query.fields().include(CHANGES);
        Document raw = mongo.findOne(query, Document.class, CALLS);
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.of(
                raw.getList(CHANGES, Document.class, List.of()).stream()
                        .map(CallStore::toChange)
                        .toList());
    }

    private static Document toDocument(CallChange change) {
        List<Document> fields =
                change.fields().stream()
                        .map(
                                f ->
                                        new Document("field", f.field())
                                                .append("before", bson(f.before()))
                                                .append("after", bson(f.after())))
                        .toList();
        return new Document("revision", change.revision())
                .append("at", Date.from(change.at()))
                .append("feedId", change.feedId())
                .append("batchId", change.batchId())
                .append("closedReason", change.closedReason())
                .append("fields", fields);
    }

    private static Object bson(Object value) {
        return value instanceof Map<?, ?> map ? new Document(castKeys(map)) : value;
    }

    private static Map<String, Object> castKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static CallChange toChange(Document d) {
        List<CallChange.FieldChange> fields = new ArrayList<>();
        for (Document f : d.getList("fields", Document.class, List.of())) {
            fields.add(
                    new CallChange.FieldChange(
                            f.getString("field"), value(f.get("before")), value(f.get("after"))));
        }
        Object revision = d.get("revision");
        Object at = d.get("at");
        return new CallChange(
                revision instanceof Number n ? n.longValue() : 0L,
                at instanceof Date date ? date.toInstant() : Instant.parse(String.valueOf(at)),
                d.getString("feedId"),
                d.getString("batchId"),
                d.getString("closedReason"),
                fields);
    }

    private static Object value(Object stored) {
        return switch (stored) {
            case null -> null;
            case Document document -> new LinkedHashMap<>(document);
            case List<?> list -> List.copyOf(list);
            default -> stored;
        };
    }

    /** Calls not closed whose last deadline is not after {@code now}, earliest deadline first. */
    public List<TrackedCall> dueForClosing(Instant now, int limit) {
        Query query =
                Query.query(
                                Criteria.where("status")
                                        .ne(CallStatus.CLOSED.name())
                                        .and("lastDeadline")
                                        .lte(now))
                        .with(Sort.by("lastDeadline", "_id"))
                        .limit(limit);
        return mongo.find(query, CallDocument.class).stream().map(CallStore::toDomain).toList();
    }

    /**
     * Calls with a deadline reminder due at {@code now} ({@code nextReminderAt <= now}), the
     * longest due first.
     */
    public List<TrackedCall> dueForReminders(Instant now, int limit) {
        Query query =
                Query.query(Criteria.where("nextReminderAt").lte(now))
                        .with(Sort.by("nextReminderAt", "_id"))
                        .limit(limit);
        return mongo.find(query, CallDocument.class).stream().map(CallStore::toDomain).toList();
    }

    /**
     * Calls not closed that were last written before reminders existed (no {@code remindersSent} at
     * all), so have no {@code nextReminderAt} yet. Writing them once (with {@link #update}) puts
     * them on the reminder schedule.
     */
    public List<TrackedCall> withoutReminderState(int limit) {
        Query query =
                Query.query(
                                Criteria.where("status")
                                        .ne(CallStatus.CLOSED.name())
                                        .and("remindersSent")
                                        .exists(false))
                        .with(Sort.by("_id"))
                        .limit(limit);
        return mongo.find(query, CallDocument.class).stream().map(CallStore::toDomain).toList();
    }

    private CallDocument toDocument(TrackedCall tracked, Instant now) {
        FundingCall c = tracked.call();
        return new CallDocument(
                tracked.id(),
                c.source(),
                c.reference(),
                c.identifier(),
                c.callIdentifier(),
                c.callTitle(),
                c.title(),
                c.programme(),
                c.description(),
                c.keywords(),
                c.tags(),
                c.kind().name(),
                c.status().name(),
                tracked.status().name(),
                c.openingDate(),
                c.deadlines(),
                TrackedCall.lastDeadline(c).orElse(null),
                c.budget() == null ? null : c.budget().amount().toPlainString(),
                c.budget() == null ? null : c.budget().currency(),
                c.eligibleCountries(),
                c.partnershipRequirement(),
                c.url(),
                tracked.firstSeen(),
                tracked.lastChanged(),
                tracked.closedAt(),
                tracked.closedReason() == null ? null : tracked.closedReason().name(),
                texts(tracked.reminders().sent()),
                texts(tracked.reminders().skipped()),
                reminders.nextReminderAt(tracked, now).orElse(null),
                tracked.version(),
                c.projectName(),
                c.projectAcronym(),
                c.contractingAuthority(),
                c.placesOfDelivery());
    }

    private static List<String> texts(Collection<ReminderKey> keys) {
        return keys.stream().map(ReminderKey::toString).toList();
    }

    private static List<ReminderKey> parsed(List<String> stored) {
        return stored == null ? List.of() : stored.stream().map(ReminderKey::parse).toList();
    }

    private static TrackedCall toDomain(CallDocument d) {
        FundingCall call =
                new FundingCall(
                        d.source(),
                        d.reference(),
                        d.identifier(),
                        d.callIdentifier(),
                        d.callTitle(),
                        d.title(),
                        d.programme(),
                        d.description(),
                        d.keywords(),
                        d.tags(),
                        CallKind.valueOf(d.kind()),
                        CallStatus.valueOf(d.sourceStatus()),
                        d.openingDate(),
                        d.deadlines(),
                        d.budgetAmount() == null
                                ? null
                                : Money.of(d.budgetAmount(), d.budgetCurrency()),
                        d.eligibleCountries(),
                        d.partnershipRequirement(),
                        d.url(),
                        d.projectName(),
                        d.projectAcronym(),
                        d.contractingAuthority(),
                        d.placesOfDelivery());
        return new TrackedCall(
                call,
                CallStatus.valueOf(d.status()),
                d.firstSeen(),
                d.lastChanged(),
                d.closedAt(),
                d.closedReason() == null ? null : CloseReason.valueOf(d.closedReason()),
                Reminders.of(parsed(d.remindersSent()), parsed(d.remindersSkipped())),
                d.version());
    }
}
