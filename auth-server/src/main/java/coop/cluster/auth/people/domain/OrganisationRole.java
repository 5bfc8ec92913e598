package coop.cluster.auth.people.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * A person's roles in their member organisation. {@code member} and {@code admin} are granted by a
 * manager or the organisation's admin; {@code delegate} follows membership's appointment only
 * (never granted through this API).
 */
public enum OrganisationRole {
    MEMBER,
    ADMIN,
    DELEGATE;

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrganisationRole> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (OrganisationRole role : values()) {
            if (role.claimValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
