package coop.cluster.testing.security;

import java.util.List;

/**
 * The callers an authorization matrix tries: no token, then one token per platform role, each with
 * only that role. Member and delegate callers belong to {@link AuthorizationMatrix#OWN_MEMBER}; the
 * feed caller pushes for {@link AuthorizationMatrix#OWN_FEED}.
 */
public enum Subject {
    ANONYMOUS(null, false),
    MEMBER("member", true),
    DELEGATE("delegate", true),
    MANAGER("manager", false),
    FINANCE("finance", false),
    FEED("feed", false),
    /**
     * An organisation's admin (identity service only): opted into with {@link
     * AuthorizationMatrix#withSubjects}.
     */
    ADMIN("admin", true),
    /**
     * A platform administrator (identity service only): opted into with {@link
     * AuthorizationMatrix#withSubjects}.
     */
    PLATFORM_ADMIN("platform-admin", false);

    private final String role;
    private final boolean hasOrganisation;

    Subject(String role, boolean hasOrganisation) {
        this.role = role;
        this.hasOrganisation = hasOrganisation;
    }

    /** The role claim value, null for {@link #ANONYMOUS}. */
    public String role() {
        return role;
    }

    /**
     * Member and delegate users act for an organisation, so "own" and "other" objects differ for
     * them.
     */
    public boolean hasOrganisation() {
        return hasOrganisation;
    }

    /** The token's {@code sub}. */
    public String subjectName() {
        return "matrix-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The callers every matrix tries; {@link #ADMIN} and {@link #PLATFORM_ADMIN} only where a
     * matrix asks.
     */
    public static List<Subject> all() {
        return List.of(ANONYMOUS, MEMBER, DELEGATE, MANAGER, FINANCE, FEED);
    }
}
