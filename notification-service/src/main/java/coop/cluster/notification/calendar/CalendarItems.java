package coop.cluster.notification.calendar;

import coop.cluster.notification.audience.Person;
import coop.cluster.notification.calendar.persistence.CalendarItemStore;
import coop.cluster.notification.events.Payloads;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The calendar's view of dated things, built only from the events it consumes ({@link
 * CalendarItemStore}):
 *
 * <ul>
 *   <li>the items, one per thing, {@code <kind>:<id>} — a call's cut-offs, a proposal's vote
 *       deadline, an invitation's expiry, an invoice's due date, an exchange event — with who it is
 *       for ({@code memberIds}, {@code audience: delegates}, or the people holding a place at the
 *       event, {@code personIds}), {@code cancelled}, {@code sequence} and {@code updatedAt}. Each
 *       event is applied once ({@link IdempotentEffects#applyOnce}: the dedupe record is in the
 *       item), and one thing's events come in order on one partition (the key is its id);
 *   <li>the organisations a call was matched to ({@code opportunity.matched}, every target kind),
 *       apart from the call's item, so that the two topics' consumers never race for one document's
 *       creation.
 * </ul>
 *
 * Every write is one document's. Nothing is deleted: a closed call, a closed vote, an ended
 * invitation, a paid invoice stays {@code cancelled}, so a calendar that had it is told
 * (STATUS:CANCELLED) for {@link #CANCELLED_SHOWN}.
 */
@Component
public class CalendarItems {

    static final String DELEGATES = "delegates";

    /**
     * How long a cancelled thing stays in the feeds, as STATUS:CANCELLED, before it is left out.
     */
    static final Duration CANCELLED_SHOWN = Duration.ofDays(30);

    private final CalendarItemStore store;
    private final Clock clock;

    CalendarItems(CalendarItemStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    // --- calls (fundingwatch.calls, fundingwatch.opportunities)

    /**
     * {@code call.published} or {@code call.updated}: the call as it is now; a CLOSED status
     * cancels it.
     */
    void call(
            ReceivedEvent<?> event,
            String callId,
            String title,
            String programme,
            String status,
            List<Instant> deadlines) {
        Map<String, Object> fields = fields(DatedItem.Kind.CALL_CUT_OFF, callId);
        fields.put(
                "starts",
                (deadlines == null ? List.<Instant>of() : deadlines)
                        .stream().filter(Objects::nonNull).sorted().toList());
        fields.put("cancelled", "CLOSED".equalsIgnoreCase(status));
        setIfPresent(fields, "title", title);
        setIfPresent(fields, "context", programme);
        apply(event, key(DatedItem.Kind.CALL_CUT_OFF, callId), fields);
    }

    /**
     * The organisations the call was matched to (a saved watch, the member itself, a group of
     * theirs).
     */
    void matched(String callId, Collection<String> memberIds) {
        if (callId == null || memberIds == null || memberIds.isEmpty()) {
            return;
        }
        store.matched(callId, memberIds, clock.instant());
    }

    /**
     * {@link #matched} for a poll's matches in one bulk write ({@link
     * CalendarItemStore#matchedAll}): one {@code $addToSet} upsert per call, with the organisations
     * of all its matches.
     */
    void matchedAll(List<Map.Entry<String, Collection<String>>> matches) {
        Map<String, Set<String>> byCall = new LinkedHashMap<>();
        for (Map.Entry<String, Collection<String>> match : matches) {
            if (match.getKey() != null && match.getValue() != null && !match.getValue().isEmpty()) {
                byCall.computeIfAbsent(match.getKey(), c -> new LinkedHashSet<>())
                        .addAll(match.getValue());
            }
        }
        if (byCall.isEmpty()) {
            return;
        }
        store.matchedAll(byCall, clock.instant());
    }

    // --- the council's votes (membership.council)

    void voteTabled(ReceivedEvent<?> event, String proposalId, String title, Instant deadline) {
        if (deadline == null) {
            throw new PoisonEventException(
                    event.type() + " " + event.id() + " has no deadline", null);
        }
        Map<String, Object> fields = fields(DatedItem.Kind.VOTE_DEADLINE, proposalId);
        fields.put("audience", DELEGATES);
        fields.put("starts", List.of(deadline));
        fields.put("cancelled", false);
        setIfPresent(fields, "title", title);
        apply(event, key(DatedItem.Kind.VOTE_DEADLINE, proposalId), fields);
    }

    // --- project invitations (project.invitations)

    void invitationSent(
            ReceivedEvent<?> event,
            String invitationId,
            String projectTitle,
            String memberId,
            Instant expiresAt) {
        store.change(invitationChange(event, invitationId, projectTitle, memberId, expiresAt));
    }

    /**
     * {@link #invitationSent} for a poll's invitations in one bulk write (each still applied once:
     * the update is conditional on its event id not being in the item). One without an expiry or a
     * member fails the batch, which the consumer then hands over one event at a time, so that it
     * alone is dead-lettered.
     */
    void invitationsSent(List<ReceivedEvent<Payloads.PartnerInvited>> events) {
        List<CalendarItemStore.Change> all = new ArrayList<>();
        for (ReceivedEvent<Payloads.PartnerInvited> e : events) {
            all.add(
                    invitationChange(
                            e,
                            e.data().invitationId(),
                            e.data().projectTitle(),
                            e.data().memberId(),
                            e.data().expiresAt()));
        }
        store.changeAll(all);
    }

    private CalendarItemStore.Change invitationChange(
            ReceivedEvent<?> event,
            String invitationId,
            String projectTitle,
            String memberId,
            Instant expiresAt) {
        if (expiresAt == null || memberId == null) {
            throw new PoisonEventException(
                    event.type() + " " + event.id() + " has no expiry or member", null);
        }
        Map<String, Object> fields = fields(DatedItem.Kind.INVITATION_EXPIRY, invitationId);
        fields.put("memberIds", List.of(memberId));
        fields.put("starts", List.of(expiresAt));
        fields.put("cancelled", false);
        setIfPresent(fields, "title", projectTitle);
        String id = key(DatedItem.Kind.INVITATION_EXPIRY, invitationId);
        checkId(event, id);
        return new CalendarItemStore.Change(id, event.id(), fields, clock.instant());
    }

    // --- fee invoices (finance.fees)

    void invoiced(
            ReceivedEvent<?> event,
            String invoiceId,
            String memberId,
            int feeYear,
            String amount,
            String currency,
            LocalDate dueDate) {
        if (dueDate == null || memberId == null) {
            throw new PoisonEventException(
                    event.type() + " " + event.id() + " has no due date or member", null);
        }
        Map<String, Object> fields = fields(DatedItem.Kind.INVOICE_DUE, invoiceId);
        fields.put("memberIds", List.of(memberId));
        fields.put("dueDate", dueDate.toString());
        fields.put("title", String.valueOf(feeYear));
        fields.put("cancelled", false);
        if (amount != null) {
            fields.put("context", currency == null ? amount : amount + " " + currency);
        }
        apply(event, key(DatedItem.Kind.INVOICE_DUE, invoiceId), fields);
    }

    // --- exchange events (activity.events)

    /**
     * {@code event.published}: the event's titles, place (or online link), start and end; the
     * people holding a place come with their registrations.
     */
    void eventPublished(
            ReceivedEvent<?> event,
            String eventId,
            String titleFr,
            String titleEn,
            String location,
            Instant startsAt,
            Instant endsAt) {
        if (startsAt == null) {
            throw new PoisonEventException(event.type() + " " + event.id() + " has no start", null);
        }
        Map<String, Object> fields = fields(DatedItem.Kind.EVENT, eventId);
        fields.put("starts", List.of(startsAt));
        fields.put("cancelled", false);
        setIfPresent(fields, "ends", endsAt);
        setIfPresent(fields, "title", titleFr);
        setIfPresent(fields, "titleEn", titleEn);
        setIfPresent(fields, "context", location);
        apply(event, key(DatedItem.Kind.EVENT, eventId), fields);
    }

    /**
     * A place held ({@code registration.confirmed}, or {@code registration.promoted} from the
     * waiting list): the event comes into the person's feed.
     */
    void placeHeld(ReceivedEvent<?> event, String eventId, String personId) {
        changePeople(event, eventId, personId, true);
    }

    /**
     * A registration holding a place cancelled: the event leaves the person's feed (a calendar that
     * had it removes it at its next poll).
     */
    void placeGivenUp(ReceivedEvent<?> event, String eventId, String personId) {
        changePeople(event, eventId, personId, false);
    }

    private void changePeople(
            ReceivedEvent<?> event, String eventId, String personId, boolean held) {
        if (personId == null) {
            throw new PoisonEventException(
                    event.type() + " " + event.id() + " has no person", null);
        }
        String id = key(DatedItem.Kind.EVENT, eventId);
        checkId(event, id);
        Map<String, Object> person = Map.of("personIds", personId);
        store.change(
                new CalendarItemStore.Change(
                        id,
                        event.id(),
                        fields(DatedItem.Kind.EVENT, eventId),
                        clock.instant(),
                        held ? person : Map.of(),
                        held ? Map.of() : person));
    }

    // --- any kind

    /**
     * The thing is over before its date: the call closed, the vote closed, the invitation was
     * answered, withdrawn or expired, the invoice was paid. Applied even when nothing was known of
     * it (an event before the item's first one, or an invoice this service did not keep): the
     * document then holds no date and shows nowhere.
     */
    void cancel(ReceivedEvent<?> event, DatedItem.Kind kind, String ref) {
        Map<String, Object> fields = fields(kind, ref);
        fields.put("cancelled", true);
        apply(event, key(kind, ref), fields);
    }

    // --- the question the feed asks

    /**
     * The dated things of {@code person}: their organisation's calls (matched), invitations and
     * invoices; the council's votes if they are a delegate; the exchange events they hold a place
     * at. Cancelled ones only for {@link #CANCELLED_SHOWN} after the change.
     */
    public List<DatedItem> of(Person person, boolean delegate) {
        List<String> calls =
                person.memberId() == null
                        ? List.of()
                        : store.callsMatchedTo(person.memberId()).stream()
                                .map(callId -> key(DatedItem.Kind.CALL_CUT_OFF, callId))
                                .toList();
        List<DatedItem> items = new ArrayList<>();
        store.items(
                        person.memberId(),
                        calls,
                        delegate ? DELEGATES : null,
                        person.id(),
                        clock.instant().minus(CANCELLED_SHOWN))
                .forEach(item -> items.addAll(items(item)));
        items.sort(Comparator.comparing(DatedItem::uid));
        return items;
    }

    /**
     * The VEVENTs of one item: one per cut-off of a call, numbered in ascending order; one for the
     * others.
     */
    static List<DatedItem> items(CalendarItemStore.Item item) {
        DatedItem.Kind kind = kindOf(item.kind());
        if (kind == null) {
            return List.of();
        }
        String ref = item.ref();
        if (kind == DatedItem.Kind.INVOICE_DUE) {
            String due = item.dueDate();
            return due == null
                    ? List.of()
                    : List.of(
                            new DatedItem(
                                    uid(kind, ref, 0),
                                    kind,
                                    ref,
                                    LocalDate.parse(due),
                                    item.title(),
                                    item.context(),
                                    item.cancelled(),
                                    item.sequence(),
                                    item.updatedAt()));
        }
        List<Instant> starts = item.starts();
        List<DatedItem> items = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            items.add(
                    new DatedItem(
                            uid(kind, ref, kind == DatedItem.Kind.CALL_CUT_OFF ? i + 1 : 0),
                            kind,
                            ref,
                            starts.get(i),
                            item.title(),
                            item.context(),
                            item.cancelled(),
                            item.sequence(),
                            item.updatedAt(),
                            kind == DatedItem.Kind.EVENT ? item.ends() : null,
                            kind == DatedItem.Kind.EVENT ? item.context() : null,
                            item.titleEn()));
        }
        return items;
    }

    /**
     * A stable UID: the kind and the thing's id; for a call, the cut-off's rank too (the first,
     * second, … cut-off), so a moved cut-off keeps its UID and the calendar moves the event instead
     * of adding one.
     */
    static String uid(DatedItem.Kind kind, String ref, int rank) {
        return kind.code()
                + "-"
                + ref
                + (rank > 0 ? "-" + rank : "")
                + "@notifications.cluster.coop";
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

    /** The fields every change of a thing sets: its kind and its id. */
    private static Map<String, Object> fields(DatedItem.Kind kind, String ref) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", kind.code());
        fields.put("ref", ref);
        return fields;
    }

    private void apply(ReceivedEvent<?> event, String id, Map<String, Object> fields) {
        checkId(event, id);
        store.change(new CalendarItemStore.Change(id, event.id(), fields, clock.instant()));
    }

    private static void checkId(ReceivedEvent<?> event, String id) {
        if (id.endsWith(":null") || id.endsWith(":")) {
            throw new PoisonEventException(event.type() + " " + event.id() + " names no id", null);
        }
    }

    private static void setIfPresent(Map<String, Object> fields, String field, Object value) {
        if (value != null) {
            fields.put(field, value);
        }
    }
}
