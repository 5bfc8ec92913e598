package coop.cluster.auth.people.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The cluster's staff roles, granted by a platform administrator; they do not depend on any
 * organisation.
 */
public enum StaffRole {
    MANAGER,
    FINANCE,
    PLATFORM_ADMIN;

    /** {@code manager}, {@code finance}, {@code platform-admin}. */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<StaffRole> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (StaffRole role : values()) {
            if (role.claimValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
