package coop.cluster.membership.member.domain;

/**
 * A request the member's state does not allow, such as admitting a member that is already active. {@code code}
 * names the rule (it is the problem type the API answers with); {@code args} fill in its message.
 */
public class MemberRuleViolation extends RuntimeException {

    private final String code;
    private final transient Object[] args;

    public MemberRuleViolation(String code, Object... args) {
        super(code);
        this.code = code;
        this.args = args;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }
}
