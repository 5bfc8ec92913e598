package coop.cluster.fundingwatch.feed.signed;

import coop.cluster.fundingwatch.feed.FeedRegistry;
import coop.cluster.fundingwatch.feed.FeedSecrets;
import coop.cluster.fundingwatch.feed.signed.domain.SignedFeed;
import coop.cluster.fundingwatch.feed.signed.persistence.SignedFeedStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The signed feeds' secrets as verification needs them: the registry ({@code signed_feeds})
 * decrypted in memory, so that checking a signature costs no store read, and the configured feeds
 * ({@code cluster.feeds.signed}).
 *
 * <p><b>The registry wins</b> for a feed id in both: it is what managers change at run time, so a
 * revocation or a rotation of a leaked secret takes effect without a redeployment, and a
 * configuration line nobody removed cannot undo it. A configured feed is taken over by creating it
 * in the registry: its configured secret is then kept as the previous secret for the rotation
 * grace, so the feed can switch without losing pushes.
 *
 * <p><b>Freshness.</b> The registry is read at start-up, before the web server starts, then again
 * every {@code cluster.feeds.registry-refresh} (5 s) by every instance. This instance's own changes
 * apply at once ({@link #written}); another instance's within that refresh, revocations included.
 * Reads and own changes are serialised, so a read that started before a change cannot put the old
 * state back. Only documents whose version moved are decrypted again. A failed read keeps what was
 * read last (counted, logged, retried at the next refresh).
 *
 * <p><b>The encryption key.</b> When the store holds an active signed feed whose secrets this
 * instance cannot decrypt ({@code cluster.feeds.secret-key} missing, or another key than theirs),
 * the start fails, naming the feeds and the key id their secrets need: those feeds could not push,
 * and nothing else would say why. If the store does not answer at start-up, the start goes on;
 * pushes of feeds that are not configured answer 503 until the registry is read, and a feed found
 * unreadable later answers 503 {@code feed-signature-unreadable-secret} (logged as an error once
 * per change of that feed).
 */
@Component
public class SignedFeedSecrets implements FeedSecrets, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SignedFeedSecrets.class);

    private final SignedFeedStore store;
    private final FeedRegistry configuration;
    private final Optional<SecretBox> box;
    private final Counter failures;

    private volatile Map<String, Entry> entries = Map.of();
    private volatile boolean loaded;
    private volatile boolean running;

    SignedFeedSecrets(
            SignedFeedStore store,
            FeedRegistry configuration,
            SignedFeedSettings settings,
            MeterRegistry meters) {
        this.store = store;
        this.configuration = configuration;
        this.box = SecretBox.fromSetting(settings.effectiveSecretKey());
        this.failures =
                Counter.builder("cluster.feeds.signed.registry.failures")
                        .description(
                                "Reads of the signed-feed registry that failed (retried at the next"
                                        + " refresh)")
                        .register(meters);
        Gauge.builder(
                        "cluster.feeds.signed.registry.active",
                        this,
                        secrets -> secrets.entries.values().stream().filter(Entry::active).count())
                .description(
                        "Active feeds in the signed-feed registry, as this instance knows them")
                .register(meters);
    }

    /**
     * A registry feed as verification sees it: its secrets in clear (current first), or why there
     * are none.
     *
     * @param readable false when its secrets could not be decrypted here
     */
    record Entry(
            long version,
            boolean active,
            boolean readable,
            String secret,
            String previous,
            Instant previousExpiresAt) {

        Lookup lookup(Instant now) {
            if (!active) {
                return Lookup.of(Outcome.REVOKED);
            }
            if (!readable) {
                return Lookup.of(Outcome.UNREADABLE);
            }
            if (previous != null && now.isBefore(previousExpiresAt)) {
                return Lookup.secrets(List.of(secret, previous));
            }
            return Lookup.secrets(List.of(secret));
        }

        @Override
        public String toString() {
            return "Entry[version="
                    + version
                    + ", active="
                    + active
                    + ", readable="
                    + readable
                    + "]";
        }
    }

    @Override
    public Lookup lookup(String feedId, Instant now) {
        Entry entry = entries.get(feedId);
        if (entry != null) {
            return entry.lookup(now);
        }
        Optional<FeedRegistry.SignedFeed> configured = configuration.signedFeed(feedId);
        if (configured.isPresent()) {
            return Lookup.secrets(List.of(configured.get().secret()));
        }
        return loaded ? Lookup.of(Outcome.UNKNOWN) : Lookup.of(Outcome.NOT_READY);
    }

    /** Whether the registry was read since start-up. */
    public boolean loaded() {
        return loaded;
    }

    /** This instance wrote {@code feed}: verification follows at once. */
    public synchronized void written(SignedFeed feed) {
        Map<String, Entry> next = new HashMap<>(entries);
        next.put(feed.feedId(), entry(feed, null));
        entries = Map.copyOf(next);
    }

    /**
     * Reads the whole registry again; a document whose version did not move keeps its decrypted
     * entry.
     */
    synchronized void refresh() {
        List<SignedFeed> all = store.all();
        Map<String, Entry> current = entries;
        Map<String, Entry> next = new HashMap<>();
        for (SignedFeed feed : all) {
            next.put(feed.feedId(), entry(feed, current.get(feed.feedId())));
        }
        entries = Map.copyOf(next);
        loaded = true;
    }

    @Scheduled(
            initialDelayString = "${cluster.feeds.registry-refresh:PT5S}",
            fixedDelayString = "${cluster.feeds.registry-refresh:PT5S}")
    void poll() {
        try {
            refresh();
        } catch (RuntimeException e) {
            failures.increment();
            log.warn(
                    "Reading the signed-feed registry failed; retrying at the next refresh: {}",
                    e.toString());
        }
    }

    private Entry entry(SignedFeed feed, Entry known) {
        long version = feed.version() == null ? 0 : feed.version();
        if (known != null && known.version() == version) {
            return known;
        }
        if (!feed.active()) {
            return new Entry(version, false, true, null, null, null);
        }
        if (box.isEmpty()) {
            log.error(
                    "Signed feed '{}' is in the registry but this instance has no"
                        + " cluster.feeds.secret-key to decrypt its secret (key id {}): its pushes"
                        + " answer 503",
                    feed.feedId(),
                    SecretBox.keyIdOf(feed.secret()));
            return new Entry(version, true, false, null, null, null);
        }
        try {
            String secret = box.get().open(feed.feedId(), feed.secret());
            String previous =
                    feed.previousSecret() == null
                            ? null
                            : box.get().open(feed.feedId(), feed.previousSecret());
            return new Entry(version, true, true, secret, previous, feed.previousSecretExpiresAt());
        } catch (SecretBox.UnreadableSecret e) {
            log.error(
                    "Cannot decrypt the secret of signed feed '{}': {}; its pushes answer 503",
                    feed.feedId(),
                    e.getMessage());
            return new Entry(version, true, false, null, null, null);
        }
    }

    /**
     * The first read, before the web server starts; fails the start when active feeds cannot be
     * decrypted here. A store that does not answer does not stop the start (see the class comment).
     */
    @Override
    public void start() {
        try {
            refresh();
        } catch (RuntimeException e) {
            failures.increment();
            log.warn(
                    "The signed-feed registry could not be read at start-up; pushes of feeds not in"
                            + " the configuration answer 503 until it is: {}",
                    e.toString());
        }
        TreeSet<String> unreadable = new TreeSet<>();
        entries.forEach(
                (feedId, entry) -> {
                    if (entry.active() && !entry.readable()) {
                        unreadable.add(feedId);
                    }
                });
        if (!unreadable.isEmpty()) {
            TreeSet<String> keys = new TreeSet<>();
            store.all().stream()
                    .filter(f -> unreadable.contains(f.feedId()))
                    .forEach(f -> keys.add(String.valueOf(SecretBox.keyIdOf(f.secret()))));
            throw new IllegalStateException(
                    "The signed-feed registry (signed_feeds) holds active feeds whose "
                            + "secrets cannot be decrypted: "
                            + unreadable
                            + ". Set cluster.feeds.secret-key to the key they "
                            + "were stored with (key id "
                            + String.join(", ", keys)
                            + "; this instance has "
                            + box.map(SecretBox::keyId).orElse("no key")
                            + "); see docs/identity.md, \"Signed feeds managed at run time\".");
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
