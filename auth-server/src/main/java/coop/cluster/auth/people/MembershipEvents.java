package coop.cluster.auth.people;

/**
 * identity's own copy of the membership events it reads (topic {@code membership.members}, key: the
 * member id, so one member's events arrive in order): only the fields it needs; unknown fields are
 * ignored.
 */
final class MembershipEvents {

    static final String TOPIC = "membership.members";
    static final String APPLIED_V1 = "cluster.membership.member.applied.v1";
    static final String ADMITTED_V1 = "cluster.membership.member.admitted.v1";
    static final String REJECTED_V1 = "cluster.membership.member.rejected.v1";
    static final String SUSPENDED_V1 = "cluster.membership.member.suspended.v1";
    static final String REINSTATED_V1 = "cluster.membership.member.reinstated.v1";
    static final String LEFT_V1 = "cluster.membership.member.left.v1";
    static final String EXCLUDED_V1 = "cluster.membership.member.excluded.v1";
    static final String DELEGATE_APPOINTED_V1 = "cluster.membership.member.delegate-appointed.v1";
    static final String DELEGATE_REMOVED_V1 = "cluster.membership.member.delegate-removed.v1";

    /**
     * @param appliedBy the {@code sub} of the person who filed the application themselves; absent
     *     for a manager's
     */
    record Applied(String memberId, String appliedBy) {}

    /**
     * Admitted, rejected, suspended, reinstated, left, excluded: the member id is all identity
     * needs.
     */
    record StatusChanged(String memberId) {}

    record DelegateAppointed(String memberId, String subject, String previousSubject) {}

    record DelegateRemoved(String memberId, String subject, String reason) {}

    private MembershipEvents() {}
}
