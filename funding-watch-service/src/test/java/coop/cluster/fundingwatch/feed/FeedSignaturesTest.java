package coop.cluster.fundingwatch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedSignaturesTest {

    private static final String SECRET = "a-shared-secret-of-at-least-32-characters";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final FeedSignatures signatures =
            new FeedSignatures(
                    new FeedRegistry(
                            Map.of("region-sud", new FeedRegistry.SignedFeed(SECRET)),
                            Set.of(),
                            Duration.ofMinutes(5)),
                    Clock.fixed(NOW, ZoneOffset.UTC));
    private final byte[] body =
            "[{\"title\":\"Appel AAP Innovation\"}]".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsAFreshCorrectSignatureOnce() {
        String ts = Long.toString(NOW.getEpochSecond() - 30);
        String signature = FeedSignatures.signatureHeader(SECRET, ts, body);
        assertThat(signatures.verify("region-sud", ts, signature, body)).isEmpty();
        assertThat(signatures.verify("region-sud", ts, signature, body))
                .contains(FeedSignatures.Refusal.REPLAYED);
    }

    @Test
    void refusesEachKindOfBadPush() {
        String ts = Long.toString(NOW.getEpochSecond());
        String good = FeedSignatures.signatureHeader(SECRET, ts, body);
        assertThat(signatures.verify("unknown-feed", ts, good, body))
                .contains(FeedSignatures.Refusal.UNKNOWN_FEED);
        assertThat(signatures.verify("region-sud", ts, good, "[]".getBytes(StandardCharsets.UTF_8)))
                .contains(FeedSignatures.Refusal.BAD_SIGNATURE);
        assertThat(
                        signatures.verify(
                                "region-sud",
                                ts,
                                FeedSignatures.signatureHeader(
                                        "another-secret-of-at-least-32-characters", ts, body),
                                body))
                .contains(FeedSignatures.Refusal.BAD_SIGNATURE);
        String old = Long.toString(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
        assertThat(
                        signatures.verify(
                                "region-sud",
                                old,
                                FeedSignatures.signatureHeader(SECRET, old, body),
                                body))
                .contains(FeedSignatures.Refusal.STALE_TIMESTAMP);
        String future = Long.toString(NOW.plus(Duration.ofMinutes(6)).getEpochSecond());
        assertThat(
                        signatures.verify(
                                "region-sud",
                                future,
                                FeedSignatures.signatureHeader(SECRET, future, body),
                                body))
                .contains(FeedSignatures.Refusal.STALE_TIMESTAMP);
        assertThat(signatures.verify("region-sud", "yesterday", good, body))
                .contains(FeedSignatures.Refusal.MALFORMED);
        assertThat(signatures.verify("region-sud", ts, "md5=abc", body))
                .contains(FeedSignatures.Refusal.MALFORMED);
        assertThat(signatures.verify("region-sud", ts, "sha256=zz", body))
                .contains(FeedSignatures.Refusal.MALFORMED);
        assertThat(signatures.verify("region-sud", ts, good, body))
                .as("none of the refusals consumed it")
                .isEmpty();
    }

    @Test
    void theTimestampIsPartOfTheSignature() {
        String ts = Long.toString(NOW.getEpochSecond());
        String other = Long.toString(NOW.getEpochSecond() - 1);
        assertThat(
                        signatures.verify(
                                "region-sud",
                                other,
                                FeedSignatures.signatureHeader(SECRET, ts, body),
                                body))
                .contains(FeedSignatures.Refusal.BAD_SIGNATURE);
    }

    @Test
    void duringARotationEitherSecretSignsAndOtherOutcomesAreTold() {
        String previous = "the-previous-secret-of-at-least-32-characters";
        FeedRegistry registry = new FeedRegistry(Map.of(), Set.of(), Duration.ofMinutes(5));
        FeedSecrets secrets =
                (feedId, now) ->
                        switch (feedId) {
                            case "rotating" ->
                                    FeedSecrets.Lookup.secrets(java.util.List.of(SECRET, previous));
                            case "revoked" -> FeedSecrets.Lookup.of(FeedSecrets.Outcome.REVOKED);
                            case "unreadable" ->
                                    FeedSecrets.Lookup.of(FeedSecrets.Outcome.UNREADABLE);
                            case "not-read-yet" ->
                                    FeedSecrets.Lookup.of(FeedSecrets.Outcome.NOT_READY);
                            default -> FeedSecrets.Lookup.of(FeedSecrets.Outcome.UNKNOWN);
                        };
        FeedSignatures rotating =
                new FeedSignatures(registry, secrets, Clock.fixed(NOW, ZoneOffset.UTC));
        String ts = Long.toString(NOW.getEpochSecond());

        assertThat(
                        rotating.verify(
                                "rotating",
                                ts,
                                FeedSignatures.signatureHeader(SECRET, ts, body),
                                body))
                .isEmpty();
        assertThat(
                        rotating.verify(
                                "rotating",
                                ts,
                                FeedSignatures.signatureHeader(previous, ts, body),
                                body))
                .isEmpty();
        assertThat(
                        rotating.verify(
                                "rotating",
                                ts,
                                FeedSignatures.signatureHeader(
                                        "a-third-secret-of-at-least-32-characters", ts, body),
                                body))
                .contains(FeedSignatures.Refusal.BAD_SIGNATURE);
        String good = FeedSignatures.signatureHeader(SECRET, ts, body);
        assertThat(rotating.verify("revoked", ts, good, body))
                .contains(FeedSignatures.Refusal.REVOKED);
        assertThat(rotating.verify("unreadable", ts, good, body))
                .contains(FeedSignatures.Refusal.UNREADABLE_SECRET);
        assertThat(rotating.verify("not-read-yet", ts, good, body))
                .contains(FeedSignatures.Refusal.NOT_READY);
        assertThat(rotating.verify(null, ts, good, body))
                .contains(FeedSignatures.Refusal.UNKNOWN_FEED);
        assertThat(FeedSignatures.Refusal.REVOKED.reason()).isEqualTo("revoked");
        assertThat(FeedSignatures.Refusal.REVOKED.clientFault()).isTrue();
        assertThat(FeedSignatures.Refusal.UNREADABLE_SECRET.clientFault()).isFalse();
    }
}
