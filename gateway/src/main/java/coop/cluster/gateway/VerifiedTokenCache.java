package coop.cluster.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies each token once per gateway instance: a bounded cache from the raw token string to the
 * {@link Jwt} the delegate decoder verified (signature, {@code iss}, {@code exp}/{@code nbf} with
 * the 5 s skew, {@code typ}, audience). Checking the signature (RSA) and the claims of the same ~1
 * KB token on every request was the largest single cost of a proxied read.
 *
 * <ul>
 *   <li>The key is the whole token, signature included: a token altered in any way is another key,
 *       a miss, and is verified (and refused) by the delegate.
 *   <li>An entry lives no longer than the token: until {@code exp} + the skew, and never more than
 *       {@code maxAge}. It is checked again on every hit, so an expired token is refused even if
 *       the cache has not evicted it yet; it then goes to the delegate, which refuses it (401).
 *   <li>Only successes are cached: refusals and issuer outages (503) are decided afresh each time.
 *   <li>Tokens without {@code exp} are not cached (the issuers always set it).
 * </ul>
 *
 * Trade-off: a token stays accepted until it expires even if its signing key is withdrawn from the
 * issuer's JWKS in the meantime (within {@code maxAge}); JWTs cannot be revoked before expiry
 * anyway.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final Duration clockSkew;
    private final Duration maxAge;
    private final Clock clock;

    VerifiedTokenCache(
            ReactiveJwtDecoder delegate, long maximumSize, Duration clockSkew, Duration maxAge) {
        this(delegate, maximumSize, clockSkew, maxAge, Clock.systemUTC());
    }

    VerifiedTokenCache(
            ReactiveJwtDecoder delegate,
            long maximumSize,
            Duration clockSkew,
            Duration maxAge,
            Clock clock) {
        this.delegate = delegate;
        this.clockSkew = clockSkew;
        this.maxAge = maxAge;
        this.clock = clock;
        this.verified =
                Caffeine.newBuilder()
                        .maximumSize(maximumSize)
                        .ticker(ticker(clock))
                        .expireAfter(
                                Expiry.<String, Jwt>creating(
                                        (token, jwt) -> max(lifetime(jwt), Duration.ZERO)))
                        .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt != null) {
            if (lifetime(jwt).isPositive()) {
                return Mono.just(jwt);
            }
            verified.invalidate(token);
        }
        return delegate.decode(token)
                .doOnNext(
                        fresh -> {
                            if (fresh.getExpiresAt() != null && lifetime(fresh).isPositive()) {
                                verified.put(token, fresh);
                            }
                        });
    }

    /**
     * How much longer the verified token may be served from the cache; zero or negative: not at
     * all.
     */
    private Duration lifetime(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration untilExpiry = Duration.between(clock.instant(), expiresAt.plus(clockSkew));
        return untilExpiry.compareTo(maxAge) < 0 ? untilExpiry : maxAge;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Entries age on the same clock that decides expiry (a fixed clock in tests). */
    private static Ticker ticker(Clock clock) {
        return clock.equals(Clock.systemUTC())
                ? Ticker.systemTicker()
                : () -> clock.instant().toEpochMilli() * 1_000_000L;
    }

    /** Entries held (for tests). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
