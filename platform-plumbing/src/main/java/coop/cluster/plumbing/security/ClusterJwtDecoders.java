package coop.cluster.plumbing.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * A decoder built on first use, so a service starts while its issuer is still starting (or down);
 * until the issuer answers, requests with a token get 503 instead of the service failing to start.
 */
public final class ClusterJwtDecoders {

    private ClusterJwtDecoders() {}

    public static JwtDecoder lazy(
            String issuerUri, String jwkSetUri, SecuritySettings settings, AccessTokenRules rules) {
        if (!StringUtils.hasText(issuerUri) && !StringUtils.hasText(jwkSetUri)) {
            throw new IllegalStateException(
                    "Set spring.security.oauth2.resourceserver.jwt.issuer-uri"
                        + " (CLUSTER_IDENTITY_ISSUER) to the OIDC issuer whose tokens this service"
                        + " accepts");
        }
        JwtDecoder lazy =
                new SupplierJwtDecoder(
                        () -> {
                            NimbusJwtDecoder decoder =
                                    StringUtils.hasText(jwkSetUri)
                                            ? NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build()
                                            : NimbusJwtDecoder.withIssuerLocation(issuerUri)
                                                    .build();
                            decoder.setJwtValidator(validator(issuerUri, settings, rules));
                            return decoder;
                        });
        JwtDecoder decoder =
                token -> {
                    try {
                        return lazy.decode(token);
                    } catch (JwtDecoderInitializationException e) {
                        // not the token's fault: becomes an AuthenticationServiceException,
                        // answered 503; retried next time
                        throw new JwtException(
                                "the issuer's configuration cannot be read: " + e.getMessage(), e);
                    }
                };
        return settings.verifiedTokens() > 0
                ? new VerifiedTokens(
                        decoder, settings.verifiedTokens(), settings.clockSkew(), Clock.systemUTC())
                : decoder;
    }

    /**
     * Remembers the tokens whose signature and claims were verified, by their exact text, for at
     * most five minutes and never past their expiry: a client sends the same token with every
     * request until it expires, and the RSA signature check was the largest single cost of a
     * request. A token that was refused, or that has no {@code exp}, is not remembered. The gateway
     * does the same for its reactive decoder ({@code VerifiedTokenCache}).
     */
    static final class VerifiedTokens implements JwtDecoder {

        private final JwtDecoder verifier;
        private final Cache<String, Jwt> verified;
        private final Duration clockSkew;
        private final Clock clock;

        VerifiedTokens(JwtDecoder verifier, int size, Duration clockSkew, Clock clock) {
            this.verifier = verifier;
            this.clockSkew = clockSkew;
            this.clock = clock;
            this.verified =
                    Caffeine.newBuilder()
                            .maximumSize(size)
                            .expireAfterWrite(Duration.ofMinutes(5))
                            .build();
        }

        @Override
        public Jwt decode(String token) {
            Jwt known = verified.getIfPresent(token);
            if (known != null) {
                if (clock.instant().isBefore(known.getExpiresAt().plus(clockSkew))) {
                    return known;
                }
                verified.invalidate(
                        token); // expired: the verifier says so, as for any expired token
            }
            Jwt jwt = verifier.decode(token);
            if (jwt.getExpiresAt() != null) {
                verified.put(token, jwt);
            }
            return jwt;
        }
    }

    /**
     * Refuses, after {@code decoder} accepted it, a token issued at or before a revocation of its
     * {@code sub} or its {@code member_id} ({@link RevokedTokenException}). Outside the cache of
     * verified tokens, so a token remembered as verified is refused as soon as it is revoked; the
     * check is a map lookup.
     */
    public static JwtDecoder refusingRevoked(JwtDecoder decoder, Revocations revocations) {
        return token -> {
            Jwt jwt = decoder.decode(token);
            Object memberId = jwt.getClaims().get(ClusterClaims.MEMBER_ID);
            if (revocations.isRevoked(
                    jwt.getSubject(),
                    memberId == null ? null : memberId.toString(),
                    jwt.getIssuedAt())) {
                throw new RevokedTokenException(
                        "revoked: the token of "
                                + jwt.getSubject()
                                + (memberId == null ? "" : " (member " + memberId + ")")
                                + " was issued at "
                                + jwt.getIssuedAt()
                                + ", at or before a revocation of its access");
            }
            return jwt;
        };
    }

    /** Expiry (with the clock skew), issuer, and the access-token rules: type and audience. */
    public static OAuth2TokenValidator<Jwt> validator(
            String issuerUri, SecuritySettings settings, AccessTokenRules rules) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(rules.typeValidator());
        validators.add(new JwtTimestampValidator(settings.clockSkew()));
        if (StringUtils.hasText(issuerUri)) {
            validators.add(new JwtIssuerValidator(issuerUri));
        }
        validators.add(rules.audienceValidator());
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
