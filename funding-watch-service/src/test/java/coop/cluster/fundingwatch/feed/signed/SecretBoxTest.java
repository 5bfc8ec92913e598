package coop.cluster.fundingwatch.feed.signed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The feeds' secrets are stored encrypted: they come back only with the same key, for the same
 * feed, unaltered.
 */
class SecretBoxTest {

    private static final String SECRET = "kq3V0m1kO4dH1Yw9p1n5d2YyQ0J6bXo5c0V5d3R2cXg";

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private final SecretBox box = SecretBox.fromSetting(newKey()).orElseThrow();

    @Test
    void aSealedSecretOpensToTheSameSecretAndDoesNotShowIt() {
        String sealed = box.seal("region-sud", SECRET);

        assertThat(sealed).startsWith("v1:" + box.keyId() + ":").doesNotContain(SECRET);
        assertThat(SecretBox.keyIdOf(sealed)).isEqualTo(box.keyId());
        assertThat(box.open("region-sud", sealed)).isEqualTo(SECRET);
    }

    @Test
    void theSameSecretSealedTwiceLooksDifferent() {
        assertThat(box.seal("region-sud", SECRET)).isNotEqualTo(box.seal("region-sud", SECRET));
    }

    @Test
    void anotherKeyCannotOpenItAndSaysWhichKeyItNeeds() {
        String sealed = box.seal("region-sud", SECRET);
        SecretBox other = SecretBox.fromSetting(newKey()).orElseThrow();

        assertThatThrownBy(() -> other.open("region-sud", sealed))
                .isInstanceOf(SecretBox.UnreadableSecret.class)
                .hasMessageContaining(box.keyId())
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aSecretSealedForOneFeedDoesNotOpenForAnother() {
        String sealed = box.seal("region-sud", SECRET);

        assertThatThrownBy(() -> box.open("region-nord", sealed))
                .isInstanceOf(SecretBox.UnreadableSecret.class);
    }

    @Test
    void anAlteredSecretDoesNotOpen() {
        String sealed = box.seal("region-sud", SECRET);
        char last = sealed.charAt(sealed.length() - 1);
        String altered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThatThrownBy(() -> box.open("region-sud", altered))
                .isInstanceOf(SecretBox.UnreadableSecret.class);
        assertThatThrownBy(() -> box.open("region-sud", SECRET))
                .isInstanceOf(SecretBox.UnreadableSecret.class);
        assertThatThrownBy(() -> box.open("region-sud", "v1:" + box.keyId() + ":AAAA"))
                .isInstanceOf(SecretBox.UnreadableSecret.class);
    }

    @Test
    void theKeyIsOptionalButMustBe32BytesOfBase64WhenGiven() {
        assertThat(SecretBox.fromSetting(null)).isEmpty();
        assertThat(SecretBox.fromSetting("  ")).isEmpty();
        assertThatThrownBy(() -> SecretBox.fromSetting("not base64 at all!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Base64");
        assertThatThrownBy(
                        () ->
                                SecretBox.fromSetting(
                                        Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }

    @Test
    void theSameKeyHasTheSameIdOnEveryInstance() {
        String key = newKey();
        String sealed = SecretBox.fromSetting(key).orElseThrow().seal("region-sud", SECRET);

        SecretBox restarted = SecretBox.fromSetting(key).orElseThrow();
        assertThat(restarted.open("region-sud", sealed)).isEqualTo(SECRET);
        assertThat(restarted.toString()).doesNotContain(key);
    }
}
