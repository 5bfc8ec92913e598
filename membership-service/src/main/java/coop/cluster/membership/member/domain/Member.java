package coop.cluster.membership.member.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A member organisation: its profile, where it stands ({@link MemberStatus}) and its delegate on the council. Plain
 * Java: every change returns a new {@code Member} or throws {@link MemberRuleViolation}; storing it and announcing
 * it are the application layer's business.
 *
 * @param statusReason why the last status change was made (admission decision, suspension, exclusion...), if said
 * @param version      the store's optimistic-concurrency version, {@code null} before the first write
 */
public record Member(MemberId id, Profile profile, MemberStatus status, Instant appliedAt, Instant admittedAt,
                     Instant statusChangedAt, String statusReason, Delegate delegate, Long version) {

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(statusChangedAt, "statusChangedAt");
    }

    /** An application to join: the member starts in {@link MemberStatus#APPLIED}. */
    public static Member apply(MemberId id, Profile profile, Instant now) {
        return new Member(id, profile, MemberStatus.APPLIED, now, null, now, null, null, null);
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    /** The council admits the applicant: it becomes an active member. */
    public Member admit(String reason, Instant now) {
        require(MemberStatus.APPLIED, "admit");
        return new Member(id, profile, MemberStatus.ACTIVE, appliedAt, now, now, reason, delegate, version);
    }

    public Member reject(String reason, Instant now) {
        require(MemberStatus.APPLIED, "reject");
        return withStatus(MemberStatus.REJECTED, reason, now);
    }

    public Member suspend(String reason, Instant now) {
        require(MemberStatus.ACTIVE, "suspend");
        return withStatus(MemberStatus.SUSPENDED, reason, now);
    }

    public Member reinstate(String reason, Instant now) {
        require(MemberStatus.SUSPENDED, "reinstate");
        return withStatus(MemberStatus.ACTIVE, reason, now);
    }

    /** The member leaves of its own will; its delegate's seat goes with it. */
    public Member leave(String reason, Instant now) {
        requireOneOf("leave", MemberStatus.ACTIVE, MemberStatus.SUSPENDED);
        return new Member(id, profile, MemberStatus.LEFT, appliedAt, admittedAt, now, reason, null, version);
    }

    public Member exclude(String reason, Instant now) {
        requireOneOf("exclude", MemberStatus.ACTIVE, MemberStatus.SUSPENDED);
        return new Member(id, profile, MemberStatus.EXCLUDED, appliedAt, admittedAt, now, reason, null, version);
    }

    /** A new profile. The registration number identifies the organisation and cannot change. */
    public Member withProfile(Profile changed) {
        if (status.isFinal()) {
            throw new MemberRuleViolation("member-not-active", id, status);
        }
        if (!changed.registrationKey().equals(profile.registrationKey())) {
            throw new MemberRuleViolation("registration-number-fixed", profile.registrationNumber());
        }
        return new Member(id, changed, status, appliedAt, admittedAt, statusChangedAt, statusReason, delegate, version);
    }

    /** Only an active member appoints a delegate; a new appointment replaces the previous delegate. */
    public Member appoint(Delegate appointed) {
        if (status != MemberStatus.ACTIVE) {
            throw new MemberRuleViolation("member-not-active", id, status);
        }
        return new Member(id, profile, status, appliedAt, admittedAt, statusChangedAt, statusReason, appointed,
                version);
    }

    private Member withStatus(MemberStatus next, String reason, Instant now) {
        return new Member(id, profile, next, appliedAt, admittedAt, now, reason, delegate, version);
    }

    private void require(MemberStatus expected, String transition) {
        if (status != expected) {
            throw new MemberRuleViolation("invalid-transition", transition, id, status);
        }
    }

    private void requireOneOf(String transition, MemberStatus... allowed) {
        for (MemberStatus candidate : allowed) {
            if (status == candidate) {
                return;
            }
        }
        throw new MemberRuleViolation("invalid-transition", transition, id, status);
    }
}
