package coop.cluster.notification.digest;

import coop.cluster.notification.audience.Directory;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.bounce.Bounces;
import coop.cluster.notification.email.Deliveries;
import coop.cluster.notification.email.DeliveryWorker;
import coop.cluster.notification.notify.Channel;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.NotificationMetrics;
import coop.cluster.notification.notify.NotificationSettings;
import coop.cluster.notification.notify.Rendered;
import coop.cluster.notification.notify.Renderer;
import coop.cluster.notification.preference.Choice;
import coop.cluster.notification.preference.Preferences;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what was gathered, every {@code check-interval}, on every instance at once if need be: the
 * bursts whose window ended, and the daily and weekly digests whose hour came. Each batch ({@link
 * Gathering}) goes out exactly once whoever runs it and however often, without a lock and without a
 * transaction:
 *
 * <ol>
 *   <li>its document in {@code digests} is inserted once under the batch's derived id, fixing the
 *       notices it sends (a run that finds it made by another run takes theirs);
 *   <li>those notices are marked taken by it, each by a conditional update, the first one last;
 *   <li>its e-mail delivery is made with {@link Deliveries#add} under an id derived from the batch
 *       (a burst of one notice: the notice's own delivery id), so a second run adds nothing;
 *   <li>the batch is closed ({@code DONE}). A run stopped before that leaves it {@code PENDING}:
 *       the next run, on any instance, takes it up from step 2.
 * </ol>
 *
 * A notice gathered before a digest's boundary but stored after its batch was made is not in it: it
 * waits for the person's next digest (or, for a burst, makes the next burst). The inbox was told of
 * every notice at once.
 */
@Component
public class DigestJob {

    private static final Logger log = LoggerFactory.getLogger(DigestJob.class);

    /** A batch pending for longer than this was left by a run that stopped: any run takes it up. */
    static final Duration RESUME_AFTER = Duration.ofMinutes(1);

    private static final int SCAN_LIMIT = 10_000;

    private final DigestNotices notices;
    private final DigestSettings settings;
    private final Directory directory;
    private final Preferences preferences;
    private final Deliveries deliveries;
    private final Renderer renderer;
    private final NotificationSettings links;
    private final NotificationMetrics metrics;
    private final ObjectProvider<DeliveryWorker> worker;
    private final Clock clock;
    private final Bounces bounces;

    DigestJob(
            DigestNotices notices,
            DigestSettings settings,
            Directory directory,
            Preferences preferences,
            Deliveries deliveries,
            Renderer renderer,
            NotificationSettings links,
            NotificationMetrics metrics,
            ObjectProvider<DeliveryWorker> worker,
            Clock clock,
            Bounces bounces) {
        this.notices = notices;
        this.settings = settings;
        this.directory = directory;
        this.preferences = preferences;
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.links = links;
        this.metrics = metrics;
        this.worker = worker;
        this.clock = clock;
        this.bounces = bounces;
    }

    @Scheduled(
            fixedDelayString = "${cluster.notifications.digest.check-interval:PT10S}",
            initialDelayString = "${cluster.notifications.digest.check-interval:PT10S}")
    void scheduled() {
        run(clock.instant());
    }

    /**
     * One pass as at {@code now}: batches a stopped run left pending, the bursts due, the digests
     * due.
     *
     * @return how many e-mail deliveries it made
     */
    public int run(Instant now) {
        int made = 0;
        for (DigestNotices.StoredBatch pending :
                notices.pendingSince(now.minus(RESUME_AFTER), 1000)) {
            made += send(pending) ? 1 : 0;
        }
        made += bursts(now);
        for (Period period : List.of(Period.DAILY, Period.WEEKLY)) {
            Instant boundary = settings.schedule().boundary(period, now);
            for (String personId : notices.peopleWaiting(period, boundary)) {
                List<Gathering.Gathered> untaken =
                        notices.untaken(personId, period, null, settings.maxNotices());
                made +=
                        Gathering.digest(personId, period, boundary, untaken, settings.maxNotices())
                                        .map(this::process)
                                        .orElse(false)
                                ? 1
                                : 0;
            }
        }
        if (made > 0) {
            log.info("Made {} gathered e-mails (bursts and digests)", made);
            worker.ifAvailable(DeliveryWorker::wake);
        }
        return made;
    }

    private int bursts(Instant now) {
        Set<List<Object>> groups = new LinkedHashSet<>();
        notices.burstsStartedBy(now.minus(settings.burstWindow()), SCAN_LIMIT)
                .forEach(n -> groups.add(List.of(n.personId(), n.kind())));
        int made = 0;
        for (List<Object> group : groups) {
            List<Gathering.Gathered> untaken =
                    notices.untaken(
                            (String) group.get(0),
                            Period.BURST,
                            (Kind) group.get(1),
                            settings.maxNotices());
            for (Gathering.Batch batch :
                    Gathering.dueBursts(
                            untaken, now, settings.burstWindow(), settings.maxNotices())) {
                made += process(batch) ? 1 : 0;
            }
        }
        return made;
    }

    /**
     * Sends a batch unless some run sent it already (a digest's notices stored late wait for the
     * next one).
     */
    private boolean process(Gathering.Batch batch) {
        DigestNotices.StoredBatch stored =
                notices.batch(batch.id()).orElseGet(() -> notices.open(batch));
        return send(stored);
    }

    /** Steps 2 to 4 of a pending batch. @return true if this call made its delivery */
    private boolean send(DigestNotices.StoredBatch batch) {
        if (!DigestNotices.PENDING.equals(batch.state())) {
            return false;
        }
        String id = batch.id();
        Period period = batch.period();
        Kind burstKind = batch.kind();
        List<String> ids = batch.noticeIds();
        List<String> order = new ArrayList<>(ids.subList(1, ids.size()));
        order.add(ids.getFirst());
        notices.take(id, order);

        String personId = batch.personId();
        Person person = directory.person(personId).filter(Person::reachableByEmail).orElse(null);
        if (person == null) {
            return suppress(id, period, "no address");
        }
        if (bounces.bounced(person.email())) {
            metrics.suppressed(
                    period == Period.BURST && burstKind != null
                            ? burstKind.code()
                            : Kind.DIGEST.code(),
                    "bounced");
            return suppress(id, period, "bounced");
        }
        Map<Kind, Choice> choices = new EnumMap<>(preferences.of(personId));
        // a kind turned off since its notices were gathered is left out
        List<DigestNotices.GatheredNotice> kept =
                notices.notices(ids).stream()
                        .filter(
                                n ->
                                        n.kind() != null
                                                && choices.getOrDefault(
                                                                n.kind(), Choice.IMMEDIATELY)
                                                        != Choice.OFF)
                        .toList();
        if (kept.isEmpty()) {
            return suppress(id, period, "turned off");
        }
        String deliveryId;
        Kind kind;
        boolean added;
        if (period == Period.BURST && kept.size() == 1) {
            DigestNotices.GatheredNotice alone = kept.getFirst();
            deliveryId = alone.deliveryKey();
            kind = alone.kind();
            added =
                    deliveries.add(
                            deliveryId,
                            alone.eventId(),
                            personId,
                            person.email(),
                            kind,
                            new Rendered(
                                    alone.subject(), alone.summary(), alone.text(), alone.html()),
                            alone.unsubscribe());
        } else {
            Set<String> unsubscribes = new LinkedHashSet<>();
            kept.forEach(n -> unsubscribes.add(String.valueOf(n.unsubscribe())));
            String unsubscribe = unsubscribes.size() == 1 ? kept.getFirst().unsubscribe() : null;
            List<Renderer.DigestItem> listed =
                    kept.stream()
                            .limit(settings.maxListed())
                            .map(
                                    n ->
                                            new Renderer.DigestItem(
                                                    n.kind(),
                                                    n.subject(),
                                                    n.summary(),
                                                    n.link(),
                                                    n.at()))
                            .toList();
            Rendered text =
                    renderer.renderDigest(
                            period.code(),
                            burstKind,
                            person.locale(),
                            person.displayName(),
                            listed,
                            kept.size(),
                            links.consoleLink("inbox"),
                            links.consoleLink("inbox/preferences"),
                            unsubscribe);
            deliveryId = id;
            kind = period == Period.BURST && burstKind != null ? burstKind : Kind.DIGEST;
            added =
                    deliveries.add(
                            deliveryId, id, personId, person.email(), kind, text, unsubscribe);
        }
        if (added) {
            metrics.created(kind.code(), Channel.EMAIL);
            metrics.digest(period.code(), "sent");
        }
        notices.close(id, DigestNotices.DONE, deliveryId, null);
        log.debug(
                "{} {} for {}: {} notices, delivery {}",
                period.code(),
                batch.name(),
                personId,
                kept.size(),
                deliveryId);
        return added;
    }

    private boolean suppress(String id, Period period, String reason) {
        notices.close(id, DigestNotices.SUPPRESSED, null, reason);
        metrics.digest(period.code(), "suppressed");
        return false;
    }
}
