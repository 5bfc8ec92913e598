package coop.cluster.project.domain;

/**
 * A request the domain's rules do not allow, such as editing a project one does not lead. {@code code} names the
 * rule (it is the problem type the API answers with); {@code args} fill in its message.
 */
public class RuleViolation extends RuntimeException {

    private final String code;
    private final transient Object[] args;

    public RuleViolation(String code, Object... args) {
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
