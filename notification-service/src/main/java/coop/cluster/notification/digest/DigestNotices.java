package coop.cluster.notification.digest;

import coop.cluster.notification.digest.persistence.DigestNoticeStore;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Rendered;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The notices waiting for a digest or for the end of their burst, and the batches they go out in
 * ({@link DigestNoticeStore}; every write one document's, no transaction anywhere):
 *
 * <ul>
 *   <li>a notice is gathered once per (notice, person), under an id derived from both ({@link
 *       #noticeId}): a redelivered event gathers nothing twice. It holds the notice as written for
 *       the person, its {@link Period}, when it was gathered, and, once a batch has taken it (a
 *       conditional update: a notice is taken once), the batch's id;
 *   <li>a batch is made once under its id ({@link Gathering#id}): the list of the notices it sends
 *       is fixed by that insert, whoever runs it and however often; it is {@link #PENDING} until
 *       its e-mail delivery is made ({@link #DONE}) or there is nobody to send it to ({@link
 *       #SUPPRESSED}).
 * </ul>
 */
@Component
public class DigestNotices {

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String SUPPRESSED = "SUPPRESSED";

    private final DigestNoticeStore store;
    private final Clock clock;

    DigestNotices(DigestNoticeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The id of a notice gathered for a person: the same event (or notice key) and person give the
     * same id.
     */
    public static String noticeId(String noticeKey, String personId) {
        return IdempotentEffects.effectId(noticeKey, "gathered:" + personId);
    }

    /** A notice as gathered for one person, written in their language. */
    public record GatheredNotice(
            String id,
            String personId,
            Kind kind,
            Period period,
            String eventId,
            String deliveryKey,
            String subject,
            String summary,
            String text,
            String html,
            String link,
            String unsubscribe,
            Instant at,
            Instant gatheredAt) {

        Gathering.Gathered key() {
            return new Gathering.Gathered(id, personId, kind, period, gatheredAt);
        }
    }

    /**
     * A batch as made: the notices it sends (fixed when it was made) and its state ({@link
     * #PENDING}, {@link #DONE}, {@link #SUPPRESSED}).
     *
     * @param kind the kind of a burst's notices; null for a daily or weekly digest
     */
    public record StoredBatch(
            String id,
            String name,
            String personId,
            Period period,
            Kind kind,
            List<String> noticeIds,
            String state) {}

    /**
     * Gathers a notice for a person, once.
     *
     * @param noticeKey the notice's exactly-once key (the event id)
     * @param deliveryKey the id its e-mail has when it goes out alone (a burst of one)
     * @return false if it was gathered before (a redelivered event)
     */
    public boolean gather(
            String noticeKey,
            String personId,
            Kind kind,
            Period period,
            Rendered text,
            String link,
            String unsubscribe,
            String deliveryKey,
            Instant at) {
        return store.insert(
                new GatheredNotice(
                        noticeId(noticeKey, personId),
                        personId,
                        kind,
                        period,
                        noticeKey,
                        deliveryKey,
                        text.subject(),
                        text.summary(),
                        text.text(),
                        text.html(),
                        link,
                        unsubscribe,
                        at,
                        clock.instant()));
    }

    /** Whether a notice was gathered for the person (for tests and operators). */
    public Optional<GatheredNotice> gathered(String noticeKey, String personId) {
        return store.notice(noticeId(noticeKey, personId));
    }

    /**
     * Untaken burst notices gathered at or before {@code cutoff}: the first ones of the bursts that
     * may be due.
     */
    List<Gathering.Gathered> burstsStartedBy(Instant cutoff, int limit) {
        return store.burstsStartedBy(cutoff, limit);
    }

    /**
     * The people with untaken notices of a daily or weekly period gathered before {@code boundary}.
     */
    Set<String> peopleWaiting(Period period, Instant boundary) {
        return store.peopleWaiting(period, boundary);
    }

    /**
     * A person's untaken notices of a period (and kind, for a burst), oldest first, at most {@code
     * limit}.
     */
    List<Gathering.Gathered> untaken(String personId, Period period, Kind kind, int limit) {
        return store.untaken(personId, period, kind, limit);
    }

    /** The batch, if some run made it. */
    Optional<StoredBatch> batch(String batchId) {
        return store.batch(batchId);
    }

    /**
     * Makes the batch, fixing the notices it sends; if another run made it first, theirs is the
     * batch.
     *
     * @return the batch as stored
     */
    StoredBatch open(Gathering.Batch batch) {
        return store.open(batch, clock.instant());
    }

    /** Marks each notice taken by the batch, in this order, each only if no batch took it yet. */
    void take(String batchId, List<String> noticeIds) {
        store.take(batchId, noticeIds, clock.instant());
    }

    /** The notices of these ids, in this order (a notice no longer there is left out). */
    List<GatheredNotice> notices(List<String> ids) {
        return store.notices(ids);
    }

    /** Closes a pending batch: {@link #DONE} with its delivery's id, or {@link #SUPPRESSED}. */
    void close(String batchId, String state, String deliveryId, String reason) {
        store.close(batchId, state, deliveryId, reason, clock.instant());
    }

    /** Batches still pending that were opened before {@code before}: a run stopped half-way. */
    List<StoredBatch> pendingSince(Instant before, int limit) {
        return store.pendingSince(before, limit);
    }

    /** Batches of a person (for tests and operators), oldest first. */
    public List<StoredBatch> batchesOf(String personId) {
        return store.batchesOf(personId);
    }
}
