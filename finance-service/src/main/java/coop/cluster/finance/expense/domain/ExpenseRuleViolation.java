package coop.cluster.finance.expense.domain;

/**
 * A step the expense's rules do not allow: approving one's own claim ({@link Rule#SELF_APPROVAL}),
 * or a move the state machine of {@link ExpenseState} forbids ({@link Rule#STATE}). Nothing was
 * changed. {@link #code()} is the stable problem type the API answers with; {@link #args()} fill in
 * its message. The application service decides which HTTP status each rule is.
 */
public final class ExpenseRuleViolation extends RuntimeException {

    /** The rules an expense step can break. */
    public enum Rule {
        /** The submitter may not approve its own claim (four eyes); args: the expense id. */
        SELF_APPROVAL("expense-self-approval"),
        /**
         * The expense's state does not allow the step; args: the expense id, its state, the state
         * asked for.
         */
        STATE("expense-state");

        private final String code;

        Rule(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Rule rule;
    private final transient Object[] args;

    public ExpenseRuleViolation(Rule rule, Object... args) {
        super(rule.code());
        this.rule = rule;
        this.args = args.clone();
    }

    public Rule rule() {
        return rule;
    }

    public String code() {
        return rule.code();
    }

    public Object[] args() {
        return args.clone();
    }
}
