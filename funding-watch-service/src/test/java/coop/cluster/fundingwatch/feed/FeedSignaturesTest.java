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
    private final FeedSignatures signatures = new FeedSignatures(
            new FeedRegistry(Map.of("region-sud", new FeedRegistry.SignedFeed(SECRET)), Set.of(),
                    Duration.ofMinutes(5)),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final byte[] body = "[{\"title\":\"Appel AAP Innovation\"}]".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsAFreshCorrectSignatureOnce() {
        String ts = Long.toString(NOW.getEpochSecond() - 30);
        String signature = FeedSignatures.signatureHeader(SECRET, ts, body);
        assertThat(signatures.verify("region-sud", ts, signature, body)).isEmpty();
        assertThat(signatures.verify("region-sud", ts, signature, body)).contains(FeedSignatures.Refusal.REPLAYED);
    }

    @Test
    void refusesEachKindOfBadPush() {
        String ts = Long.toString(NOW.getEpochSecond());
        String good = FeedSignatures.signatureHeader(SECRET, ts, body);
        assertThat(signatures.verify("unknown-feed", ts, good, body)).contains(FeedSignatures.Refusal.UNKNOWN_FEED);
        assertThat(signatures.verify("region-sud", ts, good, "[]".getBytes(StandardCharsets.UTF_8)))
                .contains(FeedSignatures.Refusal.BAD_SIGNATURE);
        assertThat(signatures.verify("region-sud", ts,
                FeedSignatures.signatureHeader("another-secret-of-at-least-32-characters", ts, body), body))
                .contains(FeedSignatures.Refusal.BAD_SIGNATURE);
        String old = Long.toString(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
        assertThat(signatures.verify("region-sud", old, FeedSignatures.signatureHeader(SECRET, old, body), body))
                .contains(FeedSignatures.Refusal.STALE_TIMESTAMP);
        String future = Long.toString(NOW.plus(Duration.ofMinutes(6)).getEpochSecond());
        assertThat(signatures.verify("region-sud", future, FeedSignatures.signatureHeader(SECRET, future, body),
                body)).contains(FeedSignatures.Refusal.STALE_TIMESTAMP);
        assertThat(signatures.verify("region-sud", "yesterday", good, body)).contains(FeedSignatures.Refusal.MALFORMED);
        assertThat(signatures.verify("region-sud", ts, "md5=abc", body)).contains(FeedSignatures.Refusal.MALFORMED);
        assertThat(signatures.verify("region-sud", ts, "sha256=zz", body)).contains(FeedSignatures.Refusal.MALFORMED);
        assertThat(signatures.verify("region-sud", ts, good, body)).as("none of the refusals consumed it").isEmpty();
    }

    @Test
    void theTimestampIsPartOfTheSignature() {
        String ts = Long.toString(NOW.getEpochSecond());
        String other = Long.toString(NOW.getEpochSecond() - 1);
        assertThat(signatures.verify("region-sud", other, FeedSignatures.signatureHeader(SECRET, ts, body), body))
                .contains(FeedSignatures.Refusal.BAD_SIGNATURE);
    }
}
