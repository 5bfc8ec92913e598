package coop.cluster.membership.member.domain;

/**
 * Where a member stands. {@code APPLIED → ACTIVE} (admitted) or {@code REJECTED}; an active member
 * can be {@code SUSPENDED} and reinstated ({@code ACTIVE} again), and can leave ({@code LEFT}) or
 * be {@code EXCLUDED}. {@code REJECTED}, {@code LEFT} and {@code EXCLUDED} are final.
 */
public enum MemberStatus {
    APPLIED,
    ACTIVE,
    SUSPENDED,
    LEFT,
    EXCLUDED,
    REJECTED;

    public boolean isFinal() {
        return this == LEFT || this == EXCLUDED || this == REJECTED;
    }
}
