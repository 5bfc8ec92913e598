package coop.cluster.plumbing.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks tokens. The issuer itself is Spring Boot's standard {@code
 * spring.security.oauth2.resourceserver.jwt.issuer-uri} (and optionally {@code jwk-set-uri}, when
 * the keys must be fetched from another address than the one in {@code iss}, as in docker compose).
 * What makes a token an access token for the platform ({@code cluster.identity.audience}, {@code
 * cluster.identity.access-token-types}) is {@link AccessTokenRules}.
 *
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param verifiedTokens how many verified tokens are remembered, so that a client's next request
 *     with the same token skips the signature check (its expiry is still checked every time); 0
 *     turns it off
 */
@ConfigurationProperties("cluster.security")
public record SecuritySettings(
        @DefaultValue("5s") Duration clockSkew, @DefaultValue("10000") int verifiedTokens) {}
