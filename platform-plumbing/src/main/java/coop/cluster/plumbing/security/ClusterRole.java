package coop.cluster.plumbing.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles a token can carry in its {@code roles} claim (docs/identity.md). Each becomes the authority
 * {@code ROLE_<NAME>}; services test them with {@code hasRole("MANAGER")} or {@link Caller#has(ClusterRole)}.
 */
public enum ClusterRole {
    /** A user of a member organisation. */
    MEMBER,
    /** A member's delegate on the council. */
    DELEGATE,
    /** The cluster's management team. */
    MANAGER,
    /** The lead member's finance staff. */
    FINANCE,
    /** A machine client pushing funding calls. */
    FEED,
    /** A member organisation's own administrator, who manages its people (identity service, docs/people.md). */
    ADMIN,
    /** Grants the cluster's staff roles (identity service, docs/people.md); claim value {@code platform-admin}. */
    PLATFORM_ADMIN;

    /** The name used in tokens: lower case, {@code -} for {@code _} ({@code platform-admin}). */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<ClusterRole> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (ClusterRole role : values()) {
            if (role.claimValue().equalsIgnoreCase(value.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
