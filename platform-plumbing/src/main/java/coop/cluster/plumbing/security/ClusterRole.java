package coop.cluster.plumbing.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles a token can carry in its {@code roles} claim (docs/identity.md). Each becomes the
 * authority {@code ROLE_<NAME>}; services test them with {@code hasRole("MANAGER")} or {@link
 * Caller#has(ClusterRole)}.
 */
public enum ClusterRole {
    /** A person of a member organisation (a contact person). */
    MEMBER,
    /** The organisation's own administrator: manages its people (docs/people.md). */
    ADMIN,
    /** A member's delegate on the council. */
    DELEGATE,
    /** The cluster's management team. */
    MANAGER,
    /** The lead member's finance staff. */
    FINANCE,
    /** Grants the cluster staff roles ({@code platform-admin} in tokens). */
    PLATFORM_ADMIN,
    /** A machine client pushing funding calls. */
    FEED;

    /** The name used in tokens: lower case, words joined by a hyphen ({@code platform-admin}). */
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
