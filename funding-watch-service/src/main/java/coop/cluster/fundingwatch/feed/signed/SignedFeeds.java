package coop.cluster.fundingwatch.feed.signed;

import coop.cluster.fundingwatch.feed.FeedRegistry;
import coop.cluster.fundingwatch.feed.signed.domain.SignedFeed;
import coop.cluster.fundingwatch.feed.signed.events.SignedFeedChanged;
import coop.cluster.fundingwatch.feed.signed.persistence.SignedFeedStore;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.security.ClusterRole;
import coop.cluster.plumbing.web.ProblemException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The signed-feed registry, for cluster managers only: feeds that cannot run an OAuth client push
 * funding calls signed with a shared secret, and managers create such feeds, rotate their secrets
 * and revoke them at run time instead of editing the configuration. A secret is generated here (32
 * bytes from {@link SecureRandom}, 43 characters), shown once in the answer that creates or rotates
 * it, and stored only sealed ({@link SecretBox}). Each change is one single-document write carrying
 * its {@link SignedFeedChanged} event (the outbox), and is applied to this instance's verification
 * at once ({@link SignedFeedSecrets#written}), to the others' within their refresh.
 *
 * <p>Rules: a feed id that is active in the registry cannot be created again (409); a revoked one
 * can, with a new secret. Creating a feed that is configured ({@code cluster.feeds.signed}) takes
 * it over: from then on the registry wins, and the configured secret is kept as the previous one
 * for the rotation grace. Revoking a configured feed that the registry does not have records it
 * revoked, so its configured secret stops working at once too. Everybody but managers gets 403,
 * before anything else is looked at.
 */
@Service
public class SignedFeeds {

    /** A feed id, as the push's path takes it. */
    public static final String FEED_ID = "[a-z0-9][a-z0-9-]{0,63}";

    private static final Pattern FEED_ID_PATTERN = Pattern.compile(FEED_ID);
    private static final int SECRET_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(SignedFeeds.class);

    private final SignedFeedStore store;
    private final SignedFeedSecrets secrets;
    private final FeedRegistry configuration;
    private final Optional<SecretBox> box;
    private final Duration grace;
    private final EventFactory events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SignedFeeds(
            SignedFeedStore store,
            SignedFeedSecrets secrets,
            FeedRegistry configuration,
            SignedFeedSettings settings,
            EventFactory events,
            Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.configuration = configuration;
        this.box = SecretBox.fromSetting(settings.effectiveSecretKey());
        this.grace = settings.rotationGrace();
        this.events = events;
        this.clock = clock;
    }

    /** A feed and, this once, its new secret in clear. */
    public record Issued(SignedFeed feed, String secret) {

        @Override
        public String toString() {
            return "Issued[" + feed + ", secret=***]";
        }
    }

    /** A page of the registry, and how many feeds it has. */
    public record Listing(List<SignedFeed> feeds, long total) {}

    /**
     * Only managers manage signed feeds: 403 {@code signed-feeds-managers-only} for anyone else.
     */
    public static void manager(Caller caller) {
        if (!caller.has(ClusterRole.MANAGER)) {
            throw ProblemException.forbidden("signed-feeds-managers-only");
        }
    }

    public Listing list(Caller caller, int page, int size) {
        manager(caller);
        return new Listing(store.page(page, size), store.count());
    }

    public SignedFeed get(Caller caller, String feedId) {
        manager(caller);
        checkId(feedId);
        return store.find(feedId)
                .orElseThrow(() -> ProblemException.notFound("signed feed", feedId));
    }

    /**
     * A new signed feed with a new secret.
     *
     * @throws ProblemException 409 {@code signed-feed-exists} when it is active already; 503 {@code
     *     signed-feed-key-missing} without an encryption key
     */
    public Issued create(Caller caller, String feedId) {
        manager(caller);
        checkId(feedId);
        SecretBox sealer = sealer();
        Instant now = now();
        String secret = newSecret();
        Optional<SignedFeed> existing = store.find(feedId);
        SignedFeed written;
        if (existing.isPresent()) {
            if (existing.get().active()) {
                throw ProblemException.conflict("signed-feed-exists", feedId);
            }
            written =
                    store.update(
                            existing.get()
                                    .recreated(sealer.seal(feedId, secret), caller.subject(), now),
                            event(feedId, SignedFeedChanged.CREATED, caller, now));
        } else {
            SignedFeed feed =
                    SignedFeed.created(feedId, sealer.seal(feedId, secret), caller.subject(), now);
            Optional<FeedRegistry.SignedFeed> configured = configuration.signedFeed(feedId);
            if (configured.isPresent()) {
                feed =
                        feed.keeping(
                                sealer.seal(feedId, configured.get().secret()), now.plus(grace));
            }
            try {
                written = store.insert(feed, event(feedId, SignedFeedChanged.CREATED, caller, now));
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict("signed-feed-exists", feedId);
            }
            if (configured.isPresent()) {
                log.info(
                        "Signed feed '{}' taken over from the configuration by {}: its configured"
                                + " secret works until {}, then only the registry's",
                        feedId,
                        caller.subject(),
                        now.plus(grace));
            }
        }
        secrets.written(written);
        log.info("Signed feed '{}' created by {}", feedId, caller.subject());
        return new Issued(written, secret);
    }

    /**
     * A new secret for an active feed; the one it replaces stays valid for the rotation grace.
     *
     * @throws ProblemException 404 for a feed the registry does not have; 409 {@code
     *     signed-feed-revoked}; 503 {@code signed-feed-key-missing}
     */
    public Issued rotate(Caller caller, String feedId) {
        SignedFeed feed = get(caller, feedId);
        if (!feed.active()) {
            throw ProblemException.conflict("signed-feed-revoked", feedId);
        }
        SecretBox sealer = sealer();
        Instant now = now();
        String secret = newSecret();
        SignedFeed written =
                store.update(
                        feed.rotated(sealer.seal(feedId, secret), caller.subject(), now, grace),
                        event(feedId, SignedFeedChanged.SECRET_ROTATED, caller, now));
        secrets.written(written);
        log.info(
                "Signed feed '{}': secret rotated by {}; the previous one works until {}",
                feedId,
                caller.subject(),
                written.previousSecretExpiresAt());
        return new Issued(written, secret);
    }

    /**
     * No secret of the feed works any more: at once here, within the refresh on the other
     * instances. Revoking a revoked feed changes nothing (and publishes nothing); a configured feed
     * the registry does not have is recorded revoked.
     *
     * @throws ProblemException 404 for a feed neither the registry nor the configuration has
     */
    public SignedFeed revoke(Caller caller, String feedId) {
        manager(caller);
        checkId(feedId);
        Instant now = now();
        Optional<SignedFeed> existing = store.find(feedId);
        SignedFeed written;
        if (existing.isPresent()) {
            if (!existing.get().active()) {
                return existing.get();
            }
            written =
                    store.update(
                            existing.get().revoked(caller.subject(), now),
                            event(feedId, SignedFeedChanged.REVOKED, caller, now));
        } else if (configuration.signedFeed(feedId).isPresent()) {
            written =
                    store.insert(
                            SignedFeed.revokedBeforeManaged(feedId, caller.subject(), now),
                            event(feedId, SignedFeedChanged.REVOKED, caller, now));
        } else {
            throw ProblemException.notFound("signed feed", feedId);
        }
        secrets.written(written);
        log.info("Signed feed '{}' revoked by {}", feedId, caller.subject());
        return written;
    }

    private SecretBox sealer() {
        return box.orElseThrow(
                () ->
                        new ProblemException(
                                HttpStatus.SERVICE_UNAVAILABLE, "signed-feed-key-missing"));
    }

    private static void checkId(String feedId) {
        if (feedId == null || !FEED_ID_PATTERN.matcher(feedId).matches()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-parameter",
                    "feedId",
                    feedId,
                    "1 to 64 lower-case letters, digits or hyphens, not starting with a hyphen");
        }
    }

    private PendingEvent event(String feedId, String change, Caller caller, Instant at) {
        return events.create(
                "signed-feeds",
                feedId,
                new SignedFeedChanged(feedId, change, caller.subject(), at));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
