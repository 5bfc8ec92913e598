package coop.cluster.plumbing.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access revocations ({@link Revocations}, docs/identity.md "Revocations").
 *
 * @param enabled consume {@code identity.people} and refuse revoked tokens; on unless set to false
 * @param refreshInterval how often the stored revocations are read again: how soon the service's
 *     other instances refuse a token that one instance learnt was revoked
 * @param retention how long a revocation matters; must exceed the longest access-token lifetime (15
 *     minutes with the platform's issuers)
 */
@ConfigurationProperties("cluster.security.revocations")
public record RevocationSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration refreshInterval,
        @DefaultValue("1d") Duration retention) {}
