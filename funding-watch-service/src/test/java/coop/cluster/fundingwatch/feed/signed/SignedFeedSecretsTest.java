package coop.cluster.fundingwatch.feed.signed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import coop.cluster.fundingwatch.feed.FeedRegistry;
import coop.cluster.fundingwatch.feed.FeedSecrets.Lookup;
import coop.cluster.fundingwatch.feed.FeedSecrets.Outcome;
import coop.cluster.fundingwatch.feed.signed.domain.SignedFeed;
import coop.cluster.fundingwatch.feed.signed.persistence.SignedFeedStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Which secrets verification gets: the registry's over the configuration's, and the start-up rule
 * of the key.
 */
class SignedFeedSecretsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String CONFIGURED = "the-configured-secret-of-at-least-32-chars";
    private static final String KEY = SecretBoxTest.newKey();
    private static final SecretBox BOX = SecretBox.fromSetting(KEY).orElseThrow();

    private final SignedFeedStore store = mock(SignedFeedStore.class);
    private final FeedRegistry configuration =
            new FeedRegistry(
                    Map.of("legacy", new FeedRegistry.SignedFeed(CONFIGURED)),
                    Set.of(),
                    Duration.ofMinutes(5));

    private SignedFeedSecrets secrets(String key) {
        return new SignedFeedSecrets(
                store,
                configuration,
                new SignedFeedSettings(key, Duration.ofHours(24), Duration.ofSeconds(5), null),
                new SimpleMeterRegistry());
    }

    private static SignedFeed active(String feedId, String secret, int version) {
        SignedFeed feed =
                SignedFeed.created(feedId, BOX.seal(feedId, secret), "manon", NOW.minusSeconds(60));
        return new SignedFeed(
                feed.feedId(),
                feed.status(),
                feed.secret(),
                null,
                null,
                feed.createdAt(),
                feed.createdBy(),
                null,
                null,
                null,
                null,
                (long) version);
    }

    @Test
    void theRegistrysSecretsAreUsedTheCurrentFirstAndThePreviousOneUntilItsExpiry() {
        SignedFeed rotated =
                active("region-est", "first-secret", 0)
                        .rotated(
                                BOX.seal("region-est", "second-secret"),
                                "manon",
                                NOW.minusSeconds(10),
                                Duration.ofSeconds(20));
        when(store.all()).thenReturn(List.of(rotated));
        SignedFeedSecrets secrets = secrets(KEY);
        secrets.start();

        assertThat(secrets.lookup("region-est", NOW).secrets())
                .containsExactly("second-secret", "first-secret");
        assertThat(secrets.lookup("region-est", NOW.plusSeconds(10)).secrets())
                .containsExactly("second-secret");
        assertThat(secrets.lookup("nobody", NOW).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(secrets.lookup("legacy", NOW).secrets()).containsExactly(CONFIGURED);
    }

    @Test
    void theRegistryWinsOverTheConfigurationForTheSameFeed() {
        when(store.all()).thenReturn(List.of(active("legacy", "registry-secret", 0)));
        SignedFeedSecrets secrets = secrets(KEY);
        secrets.start();
        assertThat(secrets.lookup("legacy", NOW).secrets()).containsExactly("registry-secret");

        secrets.written(
                SignedFeed.revokedBeforeManaged("legacy", "manon", NOW).revoked("manon", NOW));
        assertThat(secrets.lookup("legacy", NOW)).isEqualTo(Lookup.of(Outcome.REVOKED));
    }

    @Test
    void aChangeReadFromTheStoreReplacesWhatWasKnownAndAnUnchangedOneIsNotDecryptedAgain() {
        SignedFeed feed = active("region-est", "first-secret", 0);
        when(store.all()).thenReturn(List.of(feed));
        SignedFeedSecrets secrets = secrets(KEY);
        secrets.start();

        SignedFeed revokedElsewhere = feed.revoked("paul", NOW);
        revokedElsewhere =
                new SignedFeed(
                        revokedElsewhere.feedId(),
                        revokedElsewhere.status(),
                        null,
                        null,
                        null,
                        revokedElsewhere.createdAt(),
                        revokedElsewhere.createdBy(),
                        null,
                        null,
                        NOW,
                        "paul",
                        1L);
        when(store.all()).thenReturn(List.of(revokedElsewhere));
        secrets.poll();
        assertThat(secrets.lookup("region-est", NOW).outcome()).isEqualTo(Outcome.REVOKED);
    }

    @Test
    void theStartFailsWhenActiveFeedsCannotBeDecryptedNamingThemAndTheKeyTheyNeed() {
        when(store.all())
                .thenReturn(
                        List.of(
                                active("region-est", "first-secret", 0),
                                SignedFeed.revokedBeforeManaged("gone", "manon", NOW)));

        assertThatThrownBy(() -> secrets(null).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[region-est]")
                .hasMessageContaining(BOX.keyId())
                .hasMessageContaining("no key")
                .hasMessageNotContaining("first-secret");
        assertThatThrownBy(() -> secrets(SecretBoxTest.newKey()).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[region-est]");
    }

    @Test
    void withoutAKeyTheServiceStartsWhenNoActiveFeedNeedsOne() {
        when(store.all())
                .thenReturn(List.of(SignedFeed.revokedBeforeManaged("gone", "manon", NOW)));
        SignedFeedSecrets secrets = secrets(null);
        secrets.start();

        assertThat(secrets.isRunning()).isTrue();
        assertThat(secrets.lookup("gone", NOW).outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(secrets.lookup("legacy", NOW).secrets()).containsExactly(CONFIGURED);
    }

    @Test
    void aStoreThatDoesNotAnswerAtStartUpDelaysOnlyTheFeedsNotConfigured() {
        when(store.all()).thenThrow(new DataAccessResourceFailureException("store down"));
        SignedFeedSecrets secrets = secrets(KEY);
        secrets.start();

        assertThat(secrets.loaded()).isFalse();
        assertThat(secrets.lookup("region-est", NOW).outcome()).isEqualTo(Outcome.NOT_READY);
        assertThat(secrets.lookup("legacy", NOW).secrets()).containsExactly(CONFIGURED);
    }

    @Test
    void aFeedFoundUnreadableAfterStartUpIsToldAsSuch() {
        when(store.all()).thenReturn(List.of());
        SignedFeedSecrets secrets = secrets(SecretBoxTest.newKey());
        secrets.start();

        when(store.all()).thenReturn(List.of(active("region-est", "first-secret", 0)));
        secrets.poll();
        assertThat(secrets.lookup("region-est", NOW).outcome()).isEqualTo(Outcome.UNREADABLE);
    }
}
