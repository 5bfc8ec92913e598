package coop.cluster.membership.member.domain;

import coop.cluster.plumbing.domain.RuleViolation;

/**
 * A request the member's state does not allow, such as admitting a member that is already active.
 */
public class MemberRuleViolation extends RuleViolation {

    public MemberRuleViolation(String code, Object... args) {
        super(code, args);
    }
}
