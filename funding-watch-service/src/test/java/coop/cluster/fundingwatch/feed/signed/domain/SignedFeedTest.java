package coop.cluster.fundingwatch.feed.signed.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignedFeedTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration GRACE = Duration.ofHours(24);

    @Test
    void aRotationKeepsTheReplacedSecretForTheGraceOnly() {
        SignedFeed feed = SignedFeed.created("region-sud", "s1", "manon", T0);
        assertThat(feed.previousSecretAt(T0)).isEmpty();

        SignedFeed rotated = feed.rotated("s2", "manon", T0.plusSeconds(60), GRACE);
        assertThat(rotated.secret()).isEqualTo("s2");
        assertThat(rotated.previousSecretAt(T0.plusSeconds(61))).contains("s1");
        assertThat(rotated.previousSecretExpiryAt(T0.plusSeconds(61)))
                .contains(T0.plusSeconds(60).plus(GRACE));
        assertThat(rotated.previousSecretAt(T0.plusSeconds(60).plus(GRACE))).isEmpty();
        assertThat(rotated.rotatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(rotated.createdAt()).isEqualTo(T0);
    }

    @Test
    void aSecondRotationEndsTheFirstOnesPreviousSecretAtOnce() {
        SignedFeed twice =
                SignedFeed.created("region-sud", "s1", "manon", T0)
                        .rotated("s2", "manon", T0.plusSeconds(1), GRACE)
                        .rotated("s3", "manon", T0.plusSeconds(2), GRACE);

        assertThat(twice.secret()).isEqualTo("s3");
        assertThat(twice.previousSecretAt(T0.plusSeconds(3))).contains("s2");
    }

    @Test
    void aRevokedFeedKeepsNoSecretAndComesBackOnlyWithANewOne() {
        SignedFeed revoked =
                SignedFeed.created("region-sud", "s1", "manon", T0)
                        .rotated("s2", "manon", T0.plusSeconds(1), GRACE)
                        .revoked("paul", T0.plusSeconds(2));

        assertThat(revoked.active()).isFalse();
        assertThat(revoked.secret()).isNull();
        assertThat(revoked.previousSecret()).isNull();
        assertThat(revoked.revokedBy()).isEqualTo("paul");
        assertThatThrownBy(() -> revoked.rotated("s3", "manon", T0.plusSeconds(3), GRACE))
                .isInstanceOf(IllegalStateException.class);

        SignedFeed again = revoked.recreated("s3", "manon", T0.plusSeconds(3));
        assertThat(again.active()).isTrue();
        assertThat(again.secret()).isEqualTo("s3");
        assertThat(again.previousSecretAt(T0.plusSeconds(3))).isEmpty();
        assertThat(again.revokedAt()).isNull();
    }

    @Test
    void itsSecretsNeverShowInItsText() {
        SignedFeed feed =
                SignedFeed.created("region-sud", "sealed-1", "manon", T0)
                        .rotated("sealed-2", "manon", T0, GRACE);

        assertThat(feed.toString()).doesNotContain("sealed-1").doesNotContain("sealed-2");
    }
}
