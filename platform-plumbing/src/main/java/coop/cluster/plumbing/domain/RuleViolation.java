package coop.cluster.plumbing.domain;

/**
 * A request a service's domain rules do not allow, such as a second vote on a proposal, admitting a
 * member that is already active or editing a project one does not lead. {@code code} names the rule
 * (it is the problem type the API answers with); {@code args} fill in its message. Plain Java, the
 * one class of the plumbing a domain may use ({@code ServiceArchitecture#domainIsPlainJava}).
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
