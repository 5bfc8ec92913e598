package coop.cluster.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238's test vectors (SHA-1, last six digits), Base32, and the published demo secret. */
class TotpTest {

    private static final String RFC_SECRET =
            Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void theRfcVectors() {
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109))))
                .isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1234567890))))
                .isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(20000000000L))))
                .isEqualTo("353130");
    }

    @Test
    void theDemoSecretIsWhatTheDocsSay() {
        byte[] bytes = "cluster-demo-totp-20".getBytes(StandardCharsets.US_ASCII);
        assertThat(Totp.base32(bytes)).isEqualTo(DemoSecondFactors.SECRET_BASE32);
        assertThat(java.util.HexFormat.of().formatHex(bytes))
                .isEqualTo(DemoSecondFactors.SECRET_HEX);
        assertThat(Totp.fromBase32(DemoSecondFactors.SECRET_BASE32)).isEqualTo(bytes);
        // scripts/token.sh computes the same codes from the hex (checked by hand: step 1 gives
        // 880576)
        assertThat(Totp.code(DemoSecondFactors.SECRET_BASE32, 1)).isEqualTo("880576");
    }

    @Test
    void aCodeMatchesItsStepWithinOneStepOfNow() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.step(now);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now))
                .isEqualTo(step - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now))
                .isEqualTo(step + 1);
        assertThat(Totp.matchingStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now))
                .isEqualTo(-1);
        assertThat(Totp.matchingStep(RFC_SECRET, "12345", now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(RFC_SECRET, null, now)).isEqualTo(-1);
    }
}
