package coop.cluster.membership.member.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A member organisation: its profile, where it stands ({@link MemberStatus}) and its delegate on
 * the council. Plain Java: every change returns a new {@code Member} or throws {@link
 * MemberRuleViolation}; storing it and announcing it are the application layer's business.
 *
 * @param statusReason why the last status change was made (admission decision, suspension,
 *     exclusion...), if said
 * @param delegate the user who holds the member's seat on the council, once they accepted it
 * @param nominee the user nominated as the member's delegate who has not accepted yet: a delegate
 *     must be a user of the member, and only that user's own token can show it (its {@code
 *     member_id}), so a nomination takes effect when the nominee accepts it ({@link
 *     #acceptNomination})
 * @param feeSuspensions the overdue invoices the member was suspended for, the latest last: the
 *     same invoice does not suspend it twice, even after a manager reinstated it
 * @param listedPublicly the organisation's choice to be listed on the cluster's public page
 *     (anonymous {@code GET /api/public/members}) while it is active; false unless it chose it. A
 *     choice about the record rather than a part of the profile: the profile is replaced as a
 *     whole, this is kept unless the caller says otherwise
 * @param version the store's optimistic-concurrency version, {@code null} before the first write
 */
public record Member(
        MemberId id,
        Profile profile,
        MemberStatus status,
        Instant appliedAt,
        Instant admittedAt,
        Instant statusChangedAt,
        String statusReason,
        Delegate delegate,
        Delegate nominee,
        List<String> feeSuspensions,
        boolean listedPublicly,
        Long version) {

    /** How many overdue invoices a member remembers having been suspended for. */
    static final int FEE_SUSPENSIONS_KEPT = 50;

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(statusChangedAt, "statusChangedAt");
        feeSuspensions = feeSuspensions == null ? List.of() : List.copyOf(feeSuspensions);
    }

    /** An application to join, not listed on the public page. */
    public static Member apply(MemberId id, Profile profile, Instant now) {
        return apply(id, profile, false, now);
    }

    /**
     * An application to join: the member starts in {@link MemberStatus#APPLIED}.
     *
     * @param listedPublicly whether the organisation chose to be listed on the cluster's public
     *     page (while active)
     */
    public static Member apply(MemberId id, Profile profile, boolean listedPublicly, Instant now) {
        return new Member(
                id,
                profile,
                MemberStatus.APPLIED,
                now,
                null,
                now,
                null,
                null,
                null,
                List.of(),
                listedPublicly,
                null);
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    /** The council admits the applicant: it becomes an active member. */
    public Member admit(String reason, Instant now) {
        require(MemberStatus.APPLIED, "admit");
        return new Member(
                id,
                profile,
                MemberStatus.ACTIVE,
                appliedAt,
                now,
                now,
                reason,
                delegate,
                nominee,
                feeSuspensions,
                listedPublicly,
                version);
    }

    public Member reject(String reason, Instant now) {
        require(MemberStatus.APPLIED, "reject");
        return withStatus(MemberStatus.REJECTED, reason, now);
    }

    public Member suspend(String reason, Instant now) {
        require(MemberStatus.ACTIVE, "suspend");
        return withStatus(MemberStatus.SUSPENDED, reason, now);
    }

    /**
     * Finance reports invoice {@code invoiceId} overdue and the council's policy says to suspend:
     * an active member is suspended, once per invoice.
     *
     * @return empty if this invoice has suspended the member before, or the member is not active
     */
    public Optional<Member> suspendForOverdue(String invoiceId, String reason, Instant now) {
        if (status != MemberStatus.ACTIVE || feeSuspensions.contains(invoiceId)) {
            return Optional.empty();
        }
        List<String> remembered = new ArrayList<>(feeSuspensions);
        remembered.add(invoiceId);
        if (remembered.size() > FEE_SUSPENSIONS_KEPT) {
            remembered =
                    remembered.subList(remembered.size() - FEE_SUSPENSIONS_KEPT, remembered.size());
        }
        return Optional.of(
                new Member(
                        id,
                        profile,
                        MemberStatus.SUSPENDED,
                        appliedAt,
                        admittedAt,
                        now,
                        reason,
                        delegate,
                        nominee,
                        remembered,
                        listedPublicly,
                        version));
    }

    public Member reinstate(String reason, Instant now) {
        require(MemberStatus.SUSPENDED, "reinstate");
        return withStatus(MemberStatus.ACTIVE, reason, now);
    }

    /** The member leaves of its own will; its delegate's seat goes with it. */
    public Member leave(String reason, Instant now) {
        requireOneOf("leave", MemberStatus.ACTIVE, MemberStatus.SUSPENDED);
        return new Member(
                id,
                profile,
                MemberStatus.LEFT,
                appliedAt,
                admittedAt,
                now,
                reason,
                null,
                null,
                feeSuspensions,
                listedPublicly,
                version);
    }

    public Member exclude(String reason, Instant now) {
        requireOneOf("exclude", MemberStatus.ACTIVE, MemberStatus.SUSPENDED);
        return new Member(
                id,
                profile,
                MemberStatus.EXCLUDED,
                appliedAt,
                admittedAt,
                now,
                reason,
                null,
                null,
                feeSuspensions,
                listedPublicly,
                version);
    }

    /** A new profile. The registration number identifies the organisation and cannot change. */
    public Member withProfile(Profile changed) {
        if (status.isFinal()) {
            throw new MemberRuleViolation("member-not-active", id, status);
        }
        if (!changed.registrationKey().equals(profile.registrationKey())) {
            throw new MemberRuleViolation(
                    "registration-number-fixed", profile.registrationNumber());
        }
        return new Member(
                id,
                changed,
                status,
                appliedAt,
                admittedAt,
                statusChangedAt,
                statusReason,
                delegate,
                nominee,
                feeSuspensions,
                listedPublicly,
                version);
    }

    /** Lists the member on the public page or takes it off; any status but a final one. */
    public Member listedPublicly(boolean listed) {
        if (status.isFinal()) {
            throw new MemberRuleViolation("member-not-active", id, status);
        }
        return new Member(
                id,
                profile,
                status,
                appliedAt,
                admittedAt,
                statusChangedAt,
                statusReason,
                delegate,
                nominee,
                feeSuspensions,
                listed,
                version);
    }

    /** On the public page: active, and listed by its own choice. */
    public boolean isPublic() {
        return isActive() && listedPublicly;
    }

    /**
     * Only an active member appoints a delegate; a new appointment replaces the previous delegate
     * (and a pending nomination). The caller has made sure that {@code appointed} is a user of this
     * member.
     */
    public Member appoint(Delegate appointed) {
        requireActive();
        return new Member(
                id,
                profile,
                status,
                appliedAt,
                admittedAt,
                statusChangedAt,
                statusReason,
                appointed,
                null,
                feeSuspensions,
                listedPublicly,
                version);
    }

    /**
     * Nominates a user as the member's delegate. The current delegate keeps the seat until the
     * nominee accepts; a new nomination replaces a pending one.
     */
    public Member nominate(Delegate nominated) {
        requireActive();
        return new Member(
                id,
                profile,
                status,
                appliedAt,
                admittedAt,
                statusChangedAt,
                statusReason,
                delegate,
                nominated,
                feeSuspensions,
                listedPublicly,
                version);
    }

    /**
     * The nominee {@code subject}, shown to be a user of this member by its own token, accepts the
     * seat: it becomes the delegate from {@code now}.
     */
    public Member acceptNomination(String subject, Instant now) {
        requireActive();
        if (nominee == null || !nominee.subject().equals(subject)) {
            throw new MemberRuleViolation("delegate-nomination-missing", id, subject);
        }
        Delegate accepted = new Delegate(nominee.subject(), nominee.name(), nominee.email(), now);
        return new Member(
                id,
                profile,
                status,
                appliedAt,
                admittedAt,
                statusChangedAt,
                statusReason,
                accepted,
                null,
                feeSuspensions,
                listedPublicly,
                version);
    }

    /**
     * The person {@code subject} left the member organisation: they lose the seat they hold and
     * their pending nomination, whatever the member's status.
     *
     * @return empty when {@code subject} is neither the delegate nor the nominee: nothing to change
     */
    public Optional<Member> withoutPerson(String subject) {
        boolean delegates = delegate != null && delegate.subject().equals(subject);
        boolean nominated = nominee != null && nominee.subject().equals(subject);
        if (!delegates && !nominated) {
            return Optional.empty();
        }
        return Optional.of(
                new Member(
                        id,
                        profile,
                        status,
                        appliedAt,
                        admittedAt,
                        statusChangedAt,
                        statusReason,
                        delegates ? null : delegate,
                        nominated ? null : nominee,
                        feeSuspensions,
                        listedPublicly,
                        version));
    }

    private void requireActive() {
        if (status != MemberStatus.ACTIVE) {
            throw new MemberRuleViolation("member-not-active", id, status);
        }
    }

    private Member withStatus(MemberStatus next, String reason, Instant now) {
        return new Member(
                id,
                profile,
                next,
                appliedAt,
                admittedAt,
                now,
                reason,
                delegate,
                nominee,
                feeSuspensions,
                listedPublicly,
                version);
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
