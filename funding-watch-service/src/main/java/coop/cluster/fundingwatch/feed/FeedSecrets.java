package coop.cluster.fundingwatch.feed;

import java.time.Instant;
import java.util.List;

/**
 * Where the shared secrets of signed feeds come from, as {@link FeedSignatures} and the raw topic's
 * intake need them: the configuration ({@code cluster.feeds.signed.<feedId>.secret}) and the
 * registry managers keep at run time ({@code feed.signed}). A separate interface so that
 * verification does not depend on how the registry is stored, and its unit tests can run on the
 * configuration alone ({@link #configured}).
 */
public interface FeedSecrets {

    /** What is known of a feed's secrets at {@code now}. */
    Lookup lookup(String feedId, Instant now);

    /** What a lookup found. */
    enum Outcome {
        /** The feed's secrets valid now, the current one first. */
        SECRETS,
        /** No signed feed by that id. */
        UNKNOWN,
        /** A feed a manager revoked: its secrets are gone. */
        REVOKED,
        /**
         * The feed's secrets are stored but cannot be decrypted here (a missing or wrong encryption
         * key).
         */
        UNREADABLE,
        /**
         * The registry was not read yet (the store did not answer since start-up): nobody can tell.
         */
        NOT_READY
    }

    /**
     * @param secrets the secrets valid now, current first; empty unless {@code outcome} is {@code
     *     SECRETS}
     */
    record Lookup(Outcome outcome, List<String> secrets) {

        public Lookup {
            secrets = List.copyOf(secrets);
        }

        public static Lookup of(Outcome outcome) {
            return new Lookup(outcome, List.of());
        }

        public static Lookup secrets(List<String> secrets) {
            return new Lookup(Outcome.SECRETS, secrets);
        }

        @Override
        public String toString() {
            return "Lookup[" + outcome + ", " + secrets.size() + " secret(s)]";
        }
    }

    /** The configured secrets only: for deployments without a registry, and for tests. */
    static FeedSecrets configured(FeedRegistry registry) {
        return (feedId, now) ->
                registry.signedFeed(feedId)
                        .map(feed -> Lookup.secrets(List.of(feed.secret())))
                        .orElse(Lookup.of(Outcome.UNKNOWN));
    }
}
