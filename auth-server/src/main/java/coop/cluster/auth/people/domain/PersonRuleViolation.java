package coop.cluster.auth.people.domain;

import java.util.Arrays;

/**
 * A rule of people and invitations refused a change. {@code code} names the problem the API answers
 * (422 unless the web layer maps it otherwise) and its messages, in English and French.
 */
public class PersonRuleViolation extends RuntimeException {

    private final String code;
    private final transient Object[] args;

    public PersonRuleViolation(String code, Object... args) {
        super(code + " " + Arrays.toString(args));
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
