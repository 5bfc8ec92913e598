package coop.cluster.notification.calendar;

import coop.cluster.notification.audience.Person;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import coop.cluster.notification.events.Payloads;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.util.Pair;
import org.springframework.stereotype.Component;

/**
 * The calendar's view of dated things, built only from the events it consumes. Two collections:
 * <ul>
 *   <li>{@code calendar_items}: one document per thing, {@code _id} {@code <kind>:<id>} — a call's cut-offs, a
 *       proposal's vote deadline, an invitation's expiry, an invoice's due date — with who it is for
 *       ({@code memberIds}, or {@code audience: delegates}), {@code cancelled}, {@code sequence} and
 *       {@code updatedAt}. Each event is applied once ({@link IdempotentEffects#applyOnce}: the dedupe record is in
 *       the document), and one thing's events come in order on one partition (the key is its id).</li>
 *   <li>{@code calendar_call_members}: {@code _id} the call id, {@code memberIds} the organisations a call was matched
 *       to ({@code opportunity.matched}, every target kind), grown by {@code $addToSet}: idempotent and commutative,
 *       and a separate document so that the two topics' consumers never race for one document's creation.</li>
 * </ul>
 * Every write is one document's. Nothing is deleted: a closed call, a closed vote, an ended invitation, a paid invoice
 * stays {@code cancelled}, so a calendar that had it is told (STATUS:CANCELLED) for {@link #CANCELLED_SHOWN}.
 */
@Component
public class CalendarItems {

    static final String ITEMS = "calendar_items";
    static final String CALL_MEMBERS = "calendar_call_members";
    static final String DELEGATES = "delegates";

    /** How long a cancelled thing stays in the feeds, as STATUS:CANCELLED, before it is left out. */
    static final Duration CANCELLED_SHOWN = Duration.ofDays(30);

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;
    private final Clock clock;

    CalendarItems(MongoTemplate mongo, IdempotentEffects effects, Clock clock) {
        this.mongo = mongo;
        this.effects = effects;
        this.clock = clock;
    }

    public static List<Pair<String, Index>> indexes() {
        return List.of(Pair.of(ITEMS, new Index("memberIds", Sort.Direction.ASC)),
                Pair.of(ITEMS, new Index("audience", Sort.Direction.ASC)),
                Pair.of(CALL_MEMBERS, new Index("memberIds", Sort.Direction.ASC)));
    }

    // --- calls (fundingwatch.calls, fundingwatch.opportunities)

    /** {@code call.published} or {@code call.updated}: the call as it is now; a CLOSED status cancels it. */
    void call(ReceivedEvent<?> event, String callId, String title, String programme, String status,
              List<Instant> deadlines) {
        Update update = new Update().set("kind", DatedItem.Kind.CALL_CUT_OFF.code()).set("ref", callId)
                .set("starts", (deadlines == null ? List.<Instant>of() : deadlines).stream()
                        .filter(java.util.Objects::nonNull).sorted().map(Date::from).toList())
                .set("cancelled", "CLOSED".equalsIgnoreCase(status));
        setIfPresent(update, "title", title);
        setIfPresent(update, "context", programme);
        apply(event, key(DatedItem.Kind.CALL_CUT_OFF, callId), update);
    }

    /** The organisations the call was matched to (a saved watch, the member itself, a group of theirs). */
    void matched(String callId, Collection<String> memberIds) {
        if (callId == null || memberIds == null || memberIds.isEmpty()) {
            return;
        }
        Query query = Query.query(Criteria.where("_id").is(callId));
        Update update = new Update().addToSet("memberIds").each(memberIds.toArray()).set("updatedAt", now());
        try {
            mongo.upsert(query, update, CALL_MEMBERS);
        } catch (DuplicateKeyException raced) {
            // another partition's match created the document at the same moment: it exists now, update it
            mongo.upsert(query, update, CALL_MEMBERS);
        }
    }

    /**
     * {@link #matched} for a poll's matches in one bulk write: one {@code $addToSet} upsert per call, with the
     * organisations of all its matches. A bulk some of whose upserts raced another partition's creation of the same
     * call is written again (adding to a set twice changes nothing).
     */
    void matchedAll(List<Map.Entry<String, Collection<String>>> matches) {
        Map<String, Set<String>> byCall = new LinkedHashMap<>();
        for (Map.Entry<String, Collection<String>> match : matches) {
            if (match.getKey() != null && match.getValue() != null && !match.getValue().isEmpty()) {
                byCall.computeIfAbsent(match.getKey(), c -> new LinkedHashSet<>()).addAll(match.getValue());
            }
        }
        if (byCall.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CALL_MEMBERS);
            Date now = now();
            byCall.forEach((callId, members) -> bulk.upsert(Query.query(Criteria.where("_id").is(callId)),
                    new Update().addToSet("memberIds").each(members.toArray()).set("updatedAt", now)));
            try {
                bulk.execute();
                return;
            } catch (BulkOperationException raced) {
                if (attempt > 1 || raced.getErrors().stream().anyMatch(e -> e.getCode() != 11000)) {
                    throw raced;
                }
            }
        }
    }

    // --- the council's votes (membership.council)

    void voteTabled(ReceivedEvent<?> event, String proposalId, String title, Instant deadline) {
        if (deadline == null) {
            throw new PoisonEventException(event.type() + " " + event.id() + " has no deadline", null);
        }
        Update update = new Update().set("kind", DatedItem.Kind.VOTE_DEADLINE.code()).set("ref", proposalId)
                .set("audience", DELEGATES).set("starts", List.of(Date.from(deadline))).set("cancelled", false);
        setIfPresent(update, "title", title);
        apply(event, key(DatedItem.Kind.VOTE_DEADLINE, proposalId), update);
    }

    // --- project invitations (project.invitations)

    void invitationSent(ReceivedEvent<?> event, String invitationId, String projectTitle, String memberId,
                        Instant expiresAt) {
        IdempotentEffects.Effect effect = invitationEffect(event, invitationId, projectTitle, memberId, expiresAt);
        effects.applyOnce(ITEMS, effect.id(), event.id(), effect.effect());
    }

    /**
     * {@link #invitationSent} for a poll's invitations in one bulk write (each still applied once: the update is
     * conditional on its event id not being in the item). One without an expiry or a member fails the batch, which
     * the consumer then hands over one event at a time, so that it alone is dead-lettered.
     */
    void invitationsSent(List<ReceivedEvent<Payloads.PartnerInvited>> events) {
        List<IdempotentEffects.Effect> all = new ArrayList<>();
        for (ReceivedEvent<Payloads.PartnerInvited> e : events) {
            all.add(invitationEffect(e, e.data().invitationId(), e.data().projectTitle(), e.data().memberId(),
                    e.data().expiresAt()));
        }
        effects.applyAllOnce(ITEMS, all);
    }

    private IdempotentEffects.Effect invitationEffect(ReceivedEvent<?> event, String invitationId,
                                                      String projectTitle, String memberId, Instant expiresAt) {
        if (expiresAt == null || memberId == null) {
            throw new PoisonEventException(event.type() + " " + event.id() + " has no expiry or member", null);
        }
        Update update = new Update().set("kind", DatedItem.Kind.INVITATION_EXPIRY.code()).set("ref", invitationId)
                .set("memberIds", List.of(memberId)).set("starts", List.of(Date.from(expiresAt)))
                .set("cancelled", false);
        setIfPresent(update, "title", projectTitle);
        String id = key(DatedItem.Kind.INVITATION_EXPIRY, invitationId);
        checkId(event, id);
        update.set("updatedAt", now()).inc("sequence", 1);
        return new IdempotentEffects.Effect(id, event.id(), update);
    }

    // --- fee invoices (finance.fees)

    void invoiced(ReceivedEvent<?> event, String invoiceId, String memberId, int feeYear, String amount,
                  String currency, LocalDate dueDate) {
        if (dueDate == null || memberId == null) {
            throw new PoisonEventException(event.type() + " " + event.id() + " has no due date or member", null);
        }
        Update update = new Update().set("kind", DatedItem.Kind.INVOICE_DUE.code()).set("ref", invoiceId)
                .set("memberIds", List.of(memberId)).set("dueDate", dueDate.toString())
                .set("title", String.valueOf(feeYear)).set("cancelled", false);
        if (amount != null) {
            update.set("context", currency == null ? amount : amount + " " + currency);
        }
        apply(event, key(DatedItem.Kind.INVOICE_DUE, invoiceId), update);
    }

    // --- any kind

    /**
     * The thing is over before its date: the call closed, the vote closed, the invitation was answered, withdrawn or
     * expired, the invoice was paid. Applied even when nothing was known of it (an event before the item's first
     * one, or an invoice this service did not keep): the document then holds no date and shows nowhere.
     */
    void cancel(ReceivedEvent<?> event, DatedItem.Kind kind, String ref) {
        apply(event, key(kind, ref), new Update().set("kind", kind.code()).set("ref", ref).set("cancelled", true));
    }

    // --- the question the feed asks

    /**
     * The dated things of {@code person}: their organisation's calls (matched), invitations and invoices; the
     * council's votes if they are a delegate. Cancelled ones only for {@link #CANCELLED_SHOWN} after the change.
     */
    public List<DatedItem> of(Person person, boolean delegate) {
        List<Criteria> any = new ArrayList<>();
        if (person.memberId() != null) {
            any.add(Criteria.where("memberIds").is(person.memberId()));
            List<String> calls = mongo.find(Query.query(Criteria.where("memberIds").is(person.memberId())),
                    Document.class, CALL_MEMBERS).stream()
                    .map(d -> key(DatedItem.Kind.CALL_CUT_OFF, d.getString("_id"))).toList();
            if (!calls.isEmpty()) {
                any.add(Criteria.where("_id").in(calls));
            }
        }
        if (delegate) {
            any.add(Criteria.where("audience").is(DELEGATES));
        }
        if (any.isEmpty()) {
            return List.of();
        }
        Date shownSince = Date.from(clock.instant().minus(CANCELLED_SHOWN));
        Query query = Query.query(new Criteria().andOperator(new Criteria().orOperator(any),
                new Criteria().orOperator(Criteria.where("cancelled").ne(true),
                        Criteria.where("updatedAt").gte(shownSince))));
        List<DatedItem> items = new ArrayList<>();
        mongo.find(query, Document.class, ITEMS).forEach(d -> items.addAll(items(d)));
        items.sort(java.util.Comparator.comparing(DatedItem::uid));
        return items;
    }

    /** The VEVENTs of one document: one per cut-off of a call, numbered in ascending order; one for the others. */
    static List<DatedItem> items(Document d) {
        DatedItem.Kind kind = kindOf(d.getString("kind"));
        if (kind == null) {
            return List.of();
        }
        String ref = d.getString("ref");
        boolean cancelled = Boolean.TRUE.equals(d.getBoolean("cancelled"));
        int sequence = d.getInteger("sequence", 0);
        Instant updatedAt = d.getDate("updatedAt").toInstant();
        String title = d.getString("title");
        String context = d.getString("context");
        if (kind == DatedItem.Kind.INVOICE_DUE) {
            String due = d.getString("dueDate");
            return due == null ? List.of() : List.of(new DatedItem(uid(kind, ref, 0), kind, ref, LocalDate.parse(due),
                    title, context, cancelled, sequence, updatedAt));
        }
        List<Date> starts = d.getList("starts", Date.class, List.of());
        List<DatedItem> items = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            items.add(new DatedItem(uid(kind, ref, kind == DatedItem.Kind.CALL_CUT_OFF ? i + 1 : 0), kind, ref,
                    starts.get(i).toInstant(), title, context, cancelled, sequence, updatedAt));
        }
        return items;
    }

    /**
     * A stable UID: the kind and the thing's id; for a call, the cut-off's rank too (the first, second, … cut-off),
     * so a moved cut-off keeps its UID and the calendar moves the event instead of adding one.
     */
    static String uid(DatedItem.Kind kind, String ref, int rank) {
        return kind.code() + "-" + ref + (rank > 0 ? "-" + rank : "") + "@notifications.cluster.coop";
    }

    private static DatedItem.Kind kindOf(String code) {
        for (DatedItem.Kind kind : DatedItem.Kind.values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        return null;
    }

    private static String key(DatedItem.Kind kind, String ref) {
        return kind.code() + ":" + ref;
    }

    private void apply(ReceivedEvent<?> event, String id, Update update) {
        checkId(event, id);
        update.set("updatedAt", now()).inc("sequence", 1);
        effects.applyOnce(ITEMS, id, event.id(), update);
    }

    private static void checkId(ReceivedEvent<?> event, String id) {
        if (id.endsWith(":null") || id.endsWith(":")) {
            throw new PoisonEventException(event.type() + " " + event.id() + " names no id", null);
        }
    }

    private Date now() {
        return Date.from(clock.instant());
    }

    private static void setIfPresent(Update update, String field, Object value) {
        if (value != null) {
            update.set(field, value);
        }
    }
}
