package coop.cluster.web;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the console finds the platform.
 *
 * @param issuerUri the OIDC issuer people log in at (the {@code iss} of its tokens)
 * @param apiUrl the gateway, the only way to the services: pages never call a service or the store
 *     directly
 * @param clientId the console's confidential client at the issuer
 * @param clientSecret its secret
 * @param issuerBackchannelUri where the console itself reaches the issuer (token, keys, user info),
 *     when that is not where browsers reach it (docker compose: {@code http://auth-server:9000});
 *     by default the issuer URI
 * @param apiTimeout how long a panel waits for the API before it shows itself unavailable: short,
 *     so that one slow service never holds a whole page
 */
@Validated
@ConfigurationProperties("cluster.web")
public record WebProperties(
        @NotNull @DefaultValue("http://localhost:9000") URI issuerUri,
        @NotNull @DefaultValue("http://127.0.0.1:8080") URI apiUrl,
        @NotNull @DefaultValue("cluster-console") String clientId,
        @NotNull @DefaultValue("cluster-console-secret") String clientSecret,
        @NotNull @DefaultValue("3s") Duration apiTimeout,
        URI issuerBackchannelUri) {

    /** The issuer without a trailing slash, to append endpoint paths to. */
    public String issuer() {
        return withoutTrailingSlash(issuerUri);
    }

    /** Where the console's own calls to the issuer go. */
    public String issuerBackchannel() {
        return withoutTrailingSlash(
                issuerBackchannelUri != null ? issuerBackchannelUri : issuerUri);
    }

    private static String withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
