package coop.cluster.plumbing.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.StringUtils;

/**
 * What makes a JWT an access token for the platform's API (docs/identity.md, "Access tokens only"):
 * its {@code typ} header is {@code at+jwt} (RFC 9068; {@code application/at+jwt} too, compared
 * without case) and its {@code aud} names the platform's API ({@code cluster.identity.audience},
 * {@code cluster-api} by default). An ID token ({@code typ} {@code JWT} or none, {@code aud} the
 * client) and a token issued for another application are therefore refused, even though the same
 * issuer signed them.
 *
 * @param audience the audience every access token must name
 * @param types the accepted {@code typ} header values
 */
public record AccessTokenRules(String audience, List<String> types) {

    public static final String DEFAULT_AUDIENCE = "cluster-api";
    public static final List<String> DEFAULT_TYPES = List.of("at+jwt", "application/at+jwt");

    public AccessTokenRules {
        if (!StringUtils.hasText(audience)) {
            throw new IllegalStateException(
                    "Set cluster.identity.audience (CLUSTER_IDENTITY_AUDIENCE) to the audience the"
                        + " platform's access tokens name in 'aud' (cluster-api with the platform's"
                        + " issuers)");
        }
        types =
                types == null || types.isEmpty()
                        ? DEFAULT_TYPES
                        : types.stream().map(String::trim).filter(StringUtils::hasText).toList();
    }

    public static AccessTokenRules defaults() {
        return new AccessTokenRules(DEFAULT_AUDIENCE, DEFAULT_TYPES);
    }

    /** Refuses a token without an accepted {@code typ} header. */
    public OAuth2TokenValidator<Jwt> typeValidator() {
        Set<String> accepted =
                types.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return jwt -> {
            Object type = jwt.getHeaders().get("typ");
            if (type instanceof String typ && accepted.contains(typ.toLowerCase(Locale.ROOT))) {
                return OAuth2TokenValidatorResult.success();
            }
            return OAuth2TokenValidatorResult.failure(
                    new OAuth2Error(
                            OAuth2ErrorCodes.INVALID_TOKEN,
                            "not an access token: typ is "
                                    + (type == null ? "absent" : "'" + type + "'")
                                    + ", not one of "
                                    + types,
                            null));
        };
    }

    /** Refuses a token whose {@code aud} does not name the platform's API. */
    public OAuth2TokenValidator<Jwt> audienceValidator() {
        return jwt -> {
            List<String> aud = jwt.getAudience();
            if (aud != null && aud.contains(audience)) {
                return OAuth2TokenValidatorResult.success();
            }
            return OAuth2TokenValidatorResult.failure(
                    new OAuth2Error(
                            OAuth2ErrorCodes.INVALID_TOKEN,
                            "not meant for this API: aud is " + aud + ", not '" + audience + "'",
                            null));
        };
    }
}
