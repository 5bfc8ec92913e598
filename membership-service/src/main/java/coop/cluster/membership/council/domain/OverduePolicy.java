package coop.cluster.membership.council.domain;

import coop.cluster.plumbing.domain.RuleViolation;

/**
 * What membership does when finance reports a member's fee overdue: nothing, or suspend the member
 * once the fee is {@code suspendAfterDays} days overdue. The policy in force is the one adopted
 * last.
 */
public record OverduePolicy(boolean suspend, int suspendAfterDays) implements Motion {

    public OverduePolicy {
        if (suspendAfterDays < 0 || suspendAfterDays > 365) {
            throw new RuleViolation("invalid-overdue-days", suspendAfterDays);
        }
    }

    @Override
    public Kind kind() {
        return Kind.OVERDUE_POLICY;
    }
}
