package coop.cluster.auth.people.domain;

/**
 * An organisation's membership as membership's events tell it. Only {@link #ACTIVE} gives its
 * people rights.
 */
public enum OrganisationStatus {
    APPLIED,
    ACTIVE,
    SUSPENDED,
    REJECTED,
    LEFT,
    EXCLUDED;

    /** Left, excluded or rejected: its people have no business with it any more. */
    public boolean isEnded() {
        return this == LEFT || this == EXCLUDED || this == REJECTED;
    }
}
