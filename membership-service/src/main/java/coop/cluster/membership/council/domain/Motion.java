package coop.cluster.membership.council.domain;

import coop.cluster.plumbing.domain.RuleViolation;

/**
 * What a proposal asks the council to decide; once adopted it takes effect as a resolution. Each
 * kind checks its own terms when it is made and throws {@link RuleViolation} if they do not hold.
 */
public sealed interface Motion permits FeeSchedule, FeeExemption, GroupCreation, OverduePolicy {

    Kind kind();

    enum Kind {
        FEE_SCHEDULE,
        FEE_EXEMPTION,
        GROUP_CREATION,
        OVERDUE_POLICY
    }
}
