package coop.cluster.notification.email;

import coop.cluster.notification.email.persistence.DeliveryStore;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Rendered;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * The e-mail deliveries ({@link DeliveryStore}: {@code email_deliveries}, one small document per
 * delivery ever made, and {@code email_queue}, the messages still to send with their leases),
 * without a transaction anywhere (docs/notifications.md has what a crash at each step does). A
 * delivery is inserted once, its {@code _id} derived from (event, person), {@code PENDING} until a
 * worker has handed it to the SMTP server ({@code SENT}) or given up ({@code FAILED}); its message
 * waits in the queue, where a worker claims it by a conditional update (the lease), and is removed
 * once its delivery is sent or given up.
 *
 * <p>The delivery is written before its queue entry; an insert refused as a duplicate puts a still
 * pending delivery back in the queue (an entry that is there already is left as it is), flagged
 * {@code recheck}, so a crash between the two writes is repaired by the event's redelivery. Without
 * transactions, what a crash does in the sender's steps:
 *
 * <ul>
 *   <li>between the claim's read of the due entries and its conditional update: nothing written;
 *       the update takes only those still due, and the token tells which it took;
 *   <li>after the claim, before or during the SMTP conversation: the lease runs out and any sender
 *       claims the entry again ({@code claims} > 1: its delivery's state is read first), and sends
 *       it once;
 *   <li>after the SMTP server accepted a mail, before {@code SENT} was written: sent again after
 *       the lease, with the same {@code Message-ID} (no protocol closes that window);
 *   <li>after {@code SENT} was written, before the entry was removed: the entry's next claim reads
 *       the state (it was claimed before), sees it done and drops the entry: nothing is sent;
 *   <li>a redelivered event that queues a delivery again just as a sender sends and removes it: the
 *       entry carries {@code recheck}, so its claim reads the state and drops it.
 * </ul>
 *
 * An entry claimed for the first time and not flagged was queued with its delivery pending and
 * nothing has sent it since: its claim reads no state, so that a batch is claimed in two requests
 * and marked in two.
 */
@Component
public class Deliveries {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    /**
     * A batch claim reads this many times its size of due entries and takes one such window of them
     * at random.
     */
    static final int WINDOWS = 4;

    private final DeliveryStore store;
    private final Clock clock;
    private final EmailSettings settings;

    Deliveries(DeliveryStore store, Clock clock, EmailSettings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    /** A delivery to make with {@link #addAll}: its id derives from (event, person, channel). */
    public record NewDelivery(
            String id,
            String eventId,
            String personId,
            String to,
            Kind kind,
            Rendered text,
            String unsubscribe) {}

    /**
     * {@link #add} for many deliveries, in two requests as a rule whatever their number: one
     * unordered bulk insert of the deliveries, then one of the queue entries of those inserted now.
     * A delivery refused as a duplicate (its event was handled before, up to some step) costs one
     * read of the duplicates' states, and each still pending one's message is queued with the
     * others (an entry that is there already is refused and left as it is), flagged {@code
     * recheck}: its claim reads the delivery's state, as a sender may have sent it since.
     *
     * @return the ids of the deliveries made now
     */
    public Set<String> addAll(List<NewDelivery> all) {
        if (all.isEmpty()) {
            return Set.of();
        }
        List<Delivery> made = new ArrayList<>();
        Map<String, Delivery> byId = new LinkedHashMap<>();
        for (NewDelivery d : all) {
            Delivery delivery =
                    delivery(
                            d.id(),
                            d.eventId(),
                            d.personId(),
                            d.to(),
                            d.kind(),
                            d.text(),
                            d.unsubscribe());
            made.add(delivery);
            byId.put(d.id(), delivery);
        }
        Set<String> inserted = store.insertAll(made, clock.instant());
        List<DeliveryStore.Entry> queue = new ArrayList<>();
        List<String> refused = byId.keySet().stream().filter(id -> !inserted.contains(id)).toList();
        if (!refused.isEmpty()) {
            store.pendingOf(refused)
                    .forEach(id -> queue.add(new DeliveryStore.Entry(byId.get(id), true)));
        }
        inserted.forEach(id -> queue.add(new DeliveryStore.Entry(byId.get(id), false)));
        store.queueAll(queue);
        return inserted;
    }

    /**
     * @return false if this delivery exists already: the event was handled before for this person
     */
    public boolean add(
            String id,
            String eventId,
            String personId,
            String to,
            Kind kind,
            Rendered text,
            String unsubscribe) {
        Delivery delivery = delivery(id, eventId, personId, to, kind, text, unsubscribe);
        if (!store.insert(delivery, clock.instant())) {
            if (state(id).filter(PENDING::equals).isPresent()) {
                // a crash may have come between the delivery and its queue entry: the redelivered
                // event queues it
                // (its claim reads the delivery's state: a sender may have sent it since the state
                // was read here)
                store.enqueue(delivery, true);
            }
            return false;
        }
        store.enqueue(delivery, false);
        return true;
    }

    /**
     * Takes the lease of one pending delivery that nobody holds (or whose holder's lease ran out).
     */
    public Optional<Delivery> claim(String owner) {
        while (true) {
            Instant now = clock.instant();
            Optional<DeliveryStore.Entry> lease =
                    store.leaseOne(owner, now, now.plus(settings.lease()));
            if (lease.isEmpty()) {
                return Optional.empty();
            }
            String id = lease.get().delivery().id();
            if (state(id).filter(PENDING::equals).isEmpty()) {
                // sent or given up by a holder whose lease had run out, or re-queued by a late
                // redelivery
                store.dequeue(id, owner);
                continue;
            }
            return Optional.of(lease.get().delivery());
        }
    }

    /**
     * Takes the leases of up to {@code max} pending deliveries that nobody holds, in two requests
     * as a rule: the entries due now (up to {@value #WINDOWS} × {@code max} of them, of which this
     * claim takes one window of {@code max} at random, so that the senders of an instance do not
     * all race for the same entries), then one conditional update that leases those still due with
     * a token of this claim. Only when that update took fewer than it was given (another sender got
     * there first) are the entries holding the token read back; only when an entry was claimed
     * before ({@code claims} > 0: a sender that crashed or gave it back, possibly after it was sent
     * and marked) or was queued again by a redelivered event ({@code recheck}) are the states of
     * those deliveries read, and an entry whose delivery is done is dropped. An entry claimed for
     * the first time was queued with its delivery pending and nothing has sent it yet.
     */
    public List<Delivery> claim(String owner, int max) {
        if (max <= 1) {
            return claim(owner).map(List::of).orElse(List.of());
        }
        Instant now = clock.instant();
        List<DeliveryStore.Entry> found = store.due(now, max * WINDOWS);
        if (found.isEmpty()) {
            return List.of();
        }
        int windows = (found.size() + max - 1) / max;
        int from = ThreadLocalRandom.current().nextInt(windows) * max;
        List<DeliveryStore.Entry> window = found.subList(from, Math.min(found.size(), from + max));
        List<String> ids = window.stream().map(e -> e.delivery().id()).toList();
        String token = owner + "/" + UUID.randomUUID();
        long taken = store.lease(ids, now, owner, token, now.plus(settings.lease()));
        List<DeliveryStore.Entry> leases;
        if (taken == ids.size()) {
            // the message fields are written once, at the entry's insert: the entries read are the
            // leased ones
            leases =
                    window.stream()
                            .map(
                                    e ->
                                            new DeliveryStore.Entry(
                                                    claimedOnceMore(e.delivery()), e.recheck()))
                            .toList();
        } else if (taken == 0) {
            return List.of();
        } else {
            leases = store.leasedWith(ids, token);
        }
        List<String> suspect =
                leases.stream()
                        .filter(e -> e.delivery().claims() > 1 || e.recheck())
                        .map(e -> e.delivery().id())
                        .toList();
        Set<String> done = suspect.isEmpty() ? Set.of() : store.doneOf(suspect);
        List<Delivery> claimed = new ArrayList<>();
        for (DeliveryStore.Entry lease : leases) {
            if (done.contains(lease.delivery().id())) {
                // sent or given up by a holder that crashed before removing the entry, or queued
                // again late
                store.dequeue(lease.delivery().id(), owner);
            } else {
                claimed.add(lease.delivery());
            }
        }
        return claimed;
    }

    /**
     * Marks the deliveries sent, in two requests as a rule: the deliveries' state (only pending
     * ones change), then the removal of the queue entries this owner still holds. Only when fewer
     * were removed than given are the ones left read, to say which had passed to another instance.
     *
     * @return the ids of those whose lease this owner still held (the others had passed to another
     *     instance)
     */
    public Set<String> markSent(List<Delivery> sent, String owner) {
        if (sent.isEmpty()) {
            return Set.of();
        }
        List<String> ids = sent.stream().map(Delivery::id).toList();
        store.markAllSent(ids, clock.instant());
        long removed = store.dequeueAll(ids, owner);
        Set<String> held = new HashSet<>(ids);
        if (removed < ids.size()) {
            held.removeAll(store.stillQueued(ids));
        }
        return held;
    }

    /**
     * @return false if the lease was lost meanwhile (another instance took the delivery over)
     */
    public boolean markSent(Delivery delivery, String owner) {
        store.markSent(delivery.id(), clock.instant());
        return store.dequeue(delivery.id(), owner);
    }

    /**
     * The delivery's final state first (only a pending one changes: a second holder's mark changes
     * nothing), then its queue entry, if this owner still holds it. A crash between the two leaves
     * a queue entry that the next claim drops.
     *
     * @return false if the lease was lost meanwhile
     */
    public boolean markFailed(Delivery delivery, String owner, String reason) {
        store.markFailed(delivery.id(), clock.instant(), reason);
        return store.dequeue(delivery.id(), owner);
    }

    /**
     * Gives the claim back after a failed send: still {@code PENDING}, claimable again at {@code
     * until}.
     *
     * @return false if the lease was lost meanwhile
     */
    public boolean release(Delivery delivery, String owner, Instant until, String reason) {
        return store.release(delivery.id(), owner, until, reason);
    }

    /** The state of a delivery, for tests and operators. */
    public Optional<String> state(String id) {
        return store.state(id);
    }

    public long count(String state) {
        return store.count(state);
    }

    /**
     * Puts in the queue the pending deliveries of a store written before the queue existed (they
     * carry their message themselves). Reads every pending delivery once.
     *
     * @return how many were queued
     */
    public int requeuePending() {
        int queued = 0;
        for (Delivery pending : store.pendingCarryingTheirMessage()) {
            if (!store.queued(pending.id())) {
                store.enqueue(pending, false);
                queued++;
            }
        }
        return queued;
    }

    /** Deliveries waiting in the queue (claimed or not). */
    public long queued() {
        return store.queued();
    }

    /** A delivery to make, not claimed yet; its {@code Message-ID} derives from its id. */
    private Delivery delivery(
            String id,
            String eventId,
            String personId,
            String to,
            Kind kind,
            Rendered text,
            String unsubscribe) {
        String messageId = "<" + id + "@" + settings.messageIdDomain() + ">";
        return new Delivery(
                id,
                eventId,
                personId,
                kind.code(),
                to,
                text.subject(),
                text.text(),
                text.html(),
                unsubscribe,
                messageId,
                0);
    }

    private static Delivery claimedOnceMore(Delivery d) {
        return new Delivery(
                d.id(),
                d.eventId(),
                d.personId(),
                d.kind(),
                d.to(),
                d.subject(),
                d.text(),
                d.html(),
                d.unsubscribe(),
                d.messageId(),
                d.claims() + 1);
    }
}
