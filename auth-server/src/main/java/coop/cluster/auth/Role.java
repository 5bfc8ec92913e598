package coop.cluster.auth;

import java.util.Locale;

/**
 * The platform's roles (docs/identity.md). Tokens carry them lower case in the top-level {@code
 * roles} claim.
 */
public enum Role {
    MEMBER,
    DELEGATE,
    MANAGER,
    FINANCE,
    FEED;

    /** The name as it appears in the {@code roles} claim: {@code member}, {@code delegate}, ... */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The Spring Security authority of the role ({@code ROLE_MEMBER}, ...), used for users of the
     * login form.
     */
    public String authority() {
        return "ROLE_" + name();
    }
}
