package coop.cluster.auth.mfa;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cluster.identity.mfa.*}: who needs a second factor, and how wrong codes are punished
 * (docs/identity.md).
 *
 * @param requiredRoles people with any of these roles must give a TOTP code after their password
 *     before the authorization endpoint issues them a code
 * @param issuerName the name authenticator apps show beside the account ({@code otpauth://} URI)
 * @param maxFailures wrong codes in a row that lock the second factor
 * @param lockDuration how long it stays locked
 */
@ConfigurationProperties("cluster.identity.mfa")
public record MfaProperties(
        @DefaultValue({"manager", "finance"}) List<String> requiredRoles,
        @DefaultValue("Cluster") String issuerName,
        @DefaultValue("5") int maxFailures,
        @DefaultValue("15m") Duration lockDuration) {

    public MfaProperties {
        requiredRoles =
                requiredRoles == null
                        ? List.of()
                        : requiredRoles.stream()
                                .map(role -> role.trim().toLowerCase(Locale.ROOT))
                                .filter(role -> !role.isEmpty())
                                .toList();
    }

    /** The Spring Security authorities of the required roles: {@code ROLE_MANAGER}, ... */
    public List<String> requiredAuthorities() {
        return requiredRoles.stream().map(role -> "ROLE_" + role.toUpperCase(Locale.ROOT)).toList();
    }
}
