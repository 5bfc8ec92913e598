package coop.cluster.gateway;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * The gateway's token decoder. It is built on first use and reads the issuer's discovery document
 * and keys only when a token arrives, so the gateway starts while the issuer is still starting (or
 * down).
 *
 * <ul>
 *   <li>{@code issuer-uri} alone: keys found through {@code
 *       <issuer>/.well-known/openid-configuration}.
 *   <li>{@code jwk-set-uri} as well (docker compose: the issuer's address in the network): keys
 *       from there, no discovery; {@code iss} is still checked against {@code issuer-uri}.
 * </ul>
 *
 * A token that cannot be verified (bad signature, unknown key, expired beyond the 5 s skew, other
 * issuer, malformed) fails with a {@link BadJwtException}: 401. When the issuer cannot be reached
 * the failure is a plain {@link JwtException}, which Spring Security turns into an {@code
 * AuthenticationServiceException}: answered 503 by {@link SecurityProblemHandlers}. Failures are
 * not cached; the next token tries again.
 */
final class IssuerJwtDecoders {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    private static final Duration ISSUER_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ISSUER_RESPONSE_TIMEOUT = Duration.ofSeconds(3);

    private IssuerJwtDecoders() {}

    static ReactiveJwtDecoder lazy(
            String issuerUri,
            String jwkSetUri,
            List<String> jwsAlgorithms,
            String audience,
            List<String> types) {
        if (!StringUtils.hasText(issuerUri) && !StringUtils.hasText(jwkSetUri)) {
            throw new IllegalStateException(
                    "Set spring.security.oauth2.resourceserver.jwt.issuer-uri"
                        + " (CLUSTER_IDENTITY_ISSUER) to the OIDC issuer whose tokens the gateway"
                        + " accepts");
        }
        ReactiveJwtDecoder lazy =
                new SupplierReactiveJwtDecoder(
                        () -> {
                            NimbusReactiveJwtDecoder.JwkSetUriReactiveJwtDecoderBuilder builder =
                                    StringUtils.hasText(jwkSetUri)
                                            ? NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
                                                    .jwsAlgorithms(
                                                            algorithms -> {
                                                                for (String name : jwsAlgorithms) {
                                                                    SignatureAlgorithm algorithm =
                                                                            SignatureAlgorithm.from(
                                                                                    name);
                                                                    if (algorithm == null) {
                                                                        throw new IllegalStateException(
                                                                                "Unknown JWS"
                                                                                    + " algorithm "
                                                                                        + name);
                                                                    }
                                                                    algorithms.add(algorithm);
                                                                }
                                                            })
                                            : NimbusReactiveJwtDecoder.withIssuerLocation(
                                                    issuerUri);
                            NimbusReactiveJwtDecoder decoder =
                                    builder.webClient(issuerClient()).build();
                            decoder.setJwtValidator(validator(issuerUri, audience, types));
                            return decoder;
                        });
        return token ->
                lazy.decode(token)
                        .onErrorMap(
                                e -> !(e instanceof BadJwtException),
                                e ->
                                        new JwtException(
                                                "The token cannot be verified now: the issuer does"
                                                        + " not answer ("
                                                        + rootMessage(e)
                                                        + ")",
                                                e));
    }

    /**
     * Access tokens for the platform's API only (docs/identity.md, "Access tokens only"): {@code
     * typ} header {@code at+jwt} (or another of {@code types}, compared without case), {@code aud}
     * naming {@code audience}; then expiry with a 5 s skew, and the issuer. An ID token or a token
     * issued for another audience is refused.
     */
    static OAuth2TokenValidator<Jwt> validator(
            String issuerUri, String audience, List<String> types) {
        if (!StringUtils.hasText(audience)) {
            throw new IllegalStateException(
                    "Set cluster.identity.audience (CLUSTER_IDENTITY_AUDIENCE) to the audience the"
                        + " platform's access tokens name in 'aud' (cluster-api with the platform's"
                        + " issuers)");
        }
        Set<String> acceptedTypes =
                types.stream()
                        .map(t -> t.trim().toLowerCase(Locale.ROOT))
                        .filter(StringUtils::hasText)
                        .collect(Collectors.toSet());
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(
                jwt -> {
                    Object type = jwt.getHeaders().get("typ");
                    return type instanceof String typ
                                    && acceptedTypes.contains(typ.toLowerCase(Locale.ROOT))
                            ? OAuth2TokenValidatorResult.success()
                            : OAuth2TokenValidatorResult.failure(
                                    new OAuth2Error(
                                            OAuth2ErrorCodes.INVALID_TOKEN,
                                            "not an access token: typ is "
                                                    + (type == null ? "absent" : "'" + type + "'"),
                                            null));
                });
        validators.add(new JwtTimestampValidator(CLOCK_SKEW));
        if (StringUtils.hasText(issuerUri)) {
            validators.add(new JwtIssuerValidator(issuerUri));
        }
        validators.add(
                jwt ->
                        jwt.getAudience() != null && jwt.getAudience().contains(audience)
                                ? OAuth2TokenValidatorResult.success()
                                : OAuth2TokenValidatorResult.failure(
                                        new OAuth2Error(
                                                OAuth2ErrorCodes.INVALID_TOKEN,
                                                "not meant for this API: aud is "
                                                        + jwt.getAudience()
                                                        + ", not '"
                                                        + audience
                                                        + "'",
                                                null)));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /**
     * Discovery and key requests fail fast, so a request waits seconds, not minutes, when the
     * issuer hangs.
     */
    private static WebClient issuerClient() {
        HttpClient http =
                HttpClient.create()
                        .option(
                                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                                (int) ISSUER_CONNECT_TIMEOUT.toMillis())
                        .responseTimeout(ISSUER_RESPONSE_TIMEOUT);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
