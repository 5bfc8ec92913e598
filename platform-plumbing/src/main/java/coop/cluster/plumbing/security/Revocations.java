package coop.cluster.plumbing.security;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import coop.cluster.plumbing.resilience.Outages;
import coop.cluster.plumbing.resilience.ThrottledLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The access revocations the identity service announces ({@value #ACCESS_REVOKED_V1} on {@value
 * #TOPIC}): every token of a person, or of any person of a member organisation, issued at or before
 * the revocation is refused from then on (401 {@code token-revoked}), although its signature and
 * expiry are fine. The issuer deletes the refresh tokens itself; this closes the window of the
 * access tokens already handed out (15 minutes).
 *
 * <p>Generic plumbing: it knows subjects and member ids, nothing of why access was revoked.
 *
 * <ul>
 *   <li><b>Kept in the service's own store</b>, collection {@value #COLLECTION}, one document per
 *       subject ({@code person:<id>}) or member ({@code member:<id>}) holding the latest {@code
 *       revokedAt}: a conditional single-document upsert, so replays and an older revocation
 *       arriving late change nothing, and the revocations survive a restart.
 *   <li><b>Checked in memory</b>: two maps, loaded from the store at start and refreshed every
 *       {@code refresh-interval}. The instance that consumed a revocation knows it at once; the
 *       service's other instances (one consumer group per service, so one instance reads each
 *       event) within the interval. Revocations older than {@code retention} (longer than any
 *       access token lives) are forgotten, so the maps stay small. A request costs a lookup in each
 *       map, nothing when nothing is revoked.
 * </ul>
 */
public class Revocations implements SmartLifecycle {

    public static final String TOPIC = "identity.people";
    public static final String ACCESS_REVOKED_V1 = "cluster.identity.access.revoked.v1";
    public static final String COLLECTION = "token_revocations";

    /**
     * The subscription's name: consumer group {@code <application>.revocations}, dead letters on
     * its {@code .dlt}.
     */
    public static final String SUBSCRIPTION = "revocations";

    private static final Logger log = LoggerFactory.getLogger(Revocations.class);
    private static final String PERSON = "person";
    private static final String MEMBER = "member";

    /**
     * The plumbing's own copy of the event it reads: a person's ({@code personId}) or a whole
     * member's ({@code memberId}) tokens issued at or before {@code revokedAt} are revoked. Other
     * fields are ignored.
     */
    public record AccessRevoked(
            String personId, String memberId, Instant revokedAt, String reason) {}

    private final MongoTemplate mongo;
    private final Duration refreshInterval;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, Instant> bySubject = new ConcurrentHashMap<>();
    private final Map<String, Instant> byMember = new ConcurrentHashMap<>();
    private final ThrottledLog refreshFailures = new ThrottledLog(Duration.ofSeconds(60));
    private volatile boolean indexed;
    private volatile ScheduledExecutorService refresher;

    public Revocations(
            MongoTemplate mongo, Duration refreshInterval, Duration retention, Clock clock) {
        this.mongo = mongo;
        this.refreshInterval = refreshInterval;
        this.retention = retention;
        this.clock = clock;
    }

    /** The subscription that feeds it; registered by the plumbing's auto-configuration. */
    public EventSubscription subscription() {
        return EventSubscription.named(SUBSCRIPTION)
                .topics(TOPIC)
                .on(ACCESS_REVOKED_V1, AccessRevoked.class, this::onRevoked)
                .build();
    }

    /**
     * Whether a token of {@code subject} (of member {@code memberId}, if any) issued at {@code
     * issuedAt} is revoked: issued at or before a revocation of either. A token without {@code iat}
     * cannot show that it came after, so any revocation of its subject or member refuses it.
     */
    public boolean isRevoked(String subject, String memberId, Instant issuedAt) {
        if (bySubject.isEmpty() && byMember.isEmpty()) {
            return false;
        }
        Instant ofSubject = subject == null ? null : bySubject.get(subject);
        Instant ofMember = memberId == null ? null : byMember.get(memberId);
        if (ofSubject == null && ofMember == null) {
            return false;
        }
        if (issuedAt == null) {
            return true;
        }
        return ofSubject != null && !issuedAt.isAfter(ofSubject)
                || ofMember != null && !issuedAt.isAfter(ofMember);
    }

    void onRevoked(ReceivedEvent<AccessRevoked> event) {
        AccessRevoked revoked = event.data();
        boolean person = revoked.personId() != null && !revoked.personId().isBlank();
        boolean member = revoked.memberId() != null && !revoked.memberId().isBlank();
        if (!person && !member || revoked.revokedAt() == null) {
            throw new PoisonEventException(
                    "access revoked without personId or memberId, or without revokedAt: "
                            + event.id(),
                    null);
        }
        if (person) {
            record(PERSON, revoked.personId(), revoked.revokedAt(), revoked.reason());
        }
        if (member) {
            record(MEMBER, revoked.memberId(), revoked.revokedAt(), revoked.reason());
        }
        log.info(
                "Access revoked at {} for {}{} ({})",
                revoked.revokedAt(),
                person ? "person " + revoked.personId() : "",
                member ? " member " + revoked.memberId() : "",
                revoked.reason());
    }

    /**
     * Stores the revocation unless one at the same time or later is stored already (a conditional
     * upsert: when the stored one is not older, the query finds nothing and the insert is refused
     * by the {@code _id}), then remembers it here.
     */
    void record(String kind, String key, Instant revokedAt, String reason) {
        Query older =
                Query.query(
                        Criteria.where("_id")
                                .is(kind + ":" + key)
                                .and("revokedAt")
                                .lt(Date.from(revokedAt)));
        Update latest =
                new Update()
                        .set("kind", kind)
                        .set("key", key)
                        .set("revokedAt", Date.from(revokedAt))
                        .set("reason", reason)
                        .set("updatedAt", Date.from(clock.instant()));
        try {
            mongo.findAndModify(
                    older,
                    latest,
                    FindAndModifyOptions.options().upsert(true),
                    Document.class,
                    COLLECTION);
        } catch (DuplicateKeyException laterOneKept) {
            // the stored revocation is as late or later: it stays, and the refresh reads it
        }
        remember(kind, key, revokedAt);
    }

    /** Reads the store's revocations younger than the retention and forgets the older ones. */
    public void refresh() {
        if (!indexed) {
            mongo.indexOps(COLLECTION).createIndex(new Index("revokedAt", Sort.Direction.ASC));
            indexed = true;
        }
        Instant cutoff = clock.instant().minus(retention);
        for (Document stored :
                mongo.find(
                        Query.query(Criteria.where("revokedAt").gt(Date.from(cutoff))),
                        Document.class,
                        COLLECTION)) {
            Date at = stored.getDate("revokedAt");
            String kind = stored.getString("kind");
            String key = stored.getString("key");
            if (at != null && key != null && (PERSON.equals(kind) || MEMBER.equals(kind))) {
                remember(kind, key, at.toInstant());
            }
        }
        bySubject.values().removeIf(at -> at.isBefore(cutoff));
        byMember.values().removeIf(at -> at.isBefore(cutoff));
    }

    private void remember(String kind, String key, Instant revokedAt) {
        if (revokedAt.isBefore(clock.instant().minus(retention))) {
            return;
        }
        (PERSON.equals(kind) ? bySubject : byMember)
                .merge(key, revokedAt, (known, other) -> known.isAfter(other) ? known : other);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            long leftOut = refreshFailures.admit();
            if (leftOut < 0) {
                return;
            }
            if (Outages.isOutage(e)) {
                log.warn(
                        "Cannot read the token revocations, the store is out of reach; trying again"
                                + " every {}{}: {}",
                        refreshInterval,
                        leftOut > 0 ? " (" + leftOut + " more failures since the last line)" : "",
                        Outages.cause(e).toString());
            } else {
                log.error(
                        "Cannot read the token revocations; trying again every {}",
                        refreshInterval,
                        e);
            }
        }
    }

    /**
     * Loads the stored revocations, then refreshes them every interval. A store out of reach holds
     * the start up for its server-selection time-out at most; they are read at the next refresh.
     */
    @Override
    public void start() {
        refreshQuietly();
        ScheduledExecutorService executor =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "token-revocations");
                            thread.setDaemon(true);
                            return thread;
                        });
        executor.scheduleWithFixedDelay(
                this::refreshQuietly,
                refreshInterval.toMillis(),
                refreshInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        refresher = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = refresher;
        refresher = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }

    /**
     * Started before the web server, so that the first request finds the stored revocations loaded.
     */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
