package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The verified-token cache alone, on a clock the test moves. */
class VerifiedTokenCacheTest {

    private static final Duration SKEW = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger verifications = new AtomicInteger();

    /**
     * Verifies like the real decoder as far as time goes: refuses a token past exp + skew on the
     * test clock.
     */
    private final ReactiveJwtDecoder verifier =
            token -> {
                verifications.incrementAndGet();
                Instant exp =
                        T0.plusSeconds(Long.parseLong(token.substring(token.indexOf(':') + 1)));
                if (token.startsWith("bad") || clock.instant().isAfter(exp.plus(SKEW))) {
                    return Mono.error(new BadJwtException("refused"));
                }
                return Mono.just(
                        Jwt.withTokenValue(token)
                                .header("alg", "RS256")
                                .subject("amina")
                                .issuedAt(T0)
                                .expiresAt(exp)
                                .build());
            };

    private final VerifiedTokenCache cache =
            new VerifiedTokenCache(verifier, 100, SKEW, Duration.ofMinutes(5), clock);

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() {
        for (int i = 0; i < 5; i++) {
            StepVerifier.create(cache.decode("good:900")).expectNextCount(1).verifyComplete();
        }
        assertThat(verifications).hasValue(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aCachedTokenIsRefusedOnceExpiredBeyondTheSkew() {
        StepVerifier.create(cache.decode("good:60")).expectNextCount(1).verifyComplete();
        clock.set(T0.plusSeconds(64)); // expired, within the skew: still served from the cache
        StepVerifier.create(cache.decode("good:60")).expectNextCount(1).verifyComplete();
        assertThat(verifications).hasValue(1);

        clock.set(T0.plusSeconds(66)); // beyond the skew: verified again, and refused
        StepVerifier.create(cache.decode("good:60")).expectError(BadJwtException.class).verify();
        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void entriesLiveNoLongerThanTheMaximumAge() {
        StepVerifier.create(cache.decode("good:3600")).expectNextCount(1).verifyComplete();
        clock.set(T0.plusSeconds(301));
        StepVerifier.create(cache.decode("good:3600")).expectNextCount(1).verifyComplete();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void refusalsAreNeverCached() {
        StepVerifier.create(cache.decode("good:900")).expectNextCount(1).verifyComplete();
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(cache.decode("bad:900"))
                    .expectError(BadJwtException.class)
                    .verify();
        }
        assertThat(verifications).hasValue(4);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void tokensWithoutExpiryAreNotCached() {
        ReactiveJwtDecoder noExp =
                token -> {
                    verifications.incrementAndGet();
                    return Mono.just(
                            Jwt.withTokenValue(token)
                                    .header("alg", "RS256")
                                    .subject("amina")
                                    .build());
                };
        VerifiedTokenCache uncached =
                new VerifiedTokenCache(noExp, 100, SKEW, Duration.ofMinutes(5), clock);
        uncached.decode("t").block();
        uncached.decode("t").block();
        assertThat(verifications).hasValue(2);
    }

    private static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
