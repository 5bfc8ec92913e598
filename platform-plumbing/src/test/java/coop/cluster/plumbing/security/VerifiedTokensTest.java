package coop.cluster.plumbing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final List<String> verified = new ArrayList<>();
    private long clockOffset;

    /** Verifies "good-*" tokens, expiring at the minute in their name; refuses anything else. */
    private final JwtDecoder verifier =
            token -> {
                verified.add(token);
                if (!token.startsWith("good-")) {
                    throw new BadJwtException("bad signature");
                }
                Instant expires = NOW.plus(Duration.ofMinutes(Long.parseLong(token.substring(5))));
                if (!NOW.plusSeconds(clockOffset).isBefore(expires.plusSeconds(5))) {
                    throw new BadJwtException("expired");
                }
                return Jwt.withTokenValue(token)
                        .header("alg", "RS256")
                        .subject("amina")
                        .issuedAt(NOW.minusSeconds(60))
                        .expiresAt(expires)
                        .build();
            };

    /** A clock the test moves; the verifier above reads the same offset. */
    private final Clock clock =
            new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return NOW.plusSeconds(clockOffset);
                }
            };

    private final JwtDecoder decoder =
            new ClusterJwtDecoders.VerifiedTokens(verifier, 100, Duration.ofSeconds(5), clock);

    @Test
    void aTokenIsVerifiedOnceThenRememberedUntilItExpires() {
        assertThat(decoder.decode("good-2").getSubject()).isEqualTo("amina");
        assertThat(decoder.decode("good-2").getSubject()).isEqualTo("amina");
        assertThat(verified).containsExactly("good-2");
    }

    @Test
    void anExpiredRememberedTokenIsCheckedAgainAndRefused() {
        decoder.decode("good-1");
        clockOffset = 120;
        assertThatThrownBy(() -> decoder.decode("good-1"))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("expired");
        assertThat(verified).containsExactly("good-1", "good-1");
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("forged", "forged");
    }
}
