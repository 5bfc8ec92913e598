package coop.cluster.auth.people.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address, the login of a person. Kept in lower case: two spellings that differ only in
 * case are one login (a unique index in the store then refuses the second account), whatever case
 * the person types.
 */
public record Email(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    public static final int MAX_LENGTH = 254;

    public Email {
        if (value == null) {
            throw new PersonRuleViolation("invalid-email", "");
        }
        value = value.trim().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw new PersonRuleViolation("invalid-email", value);
        }
    }

    public static boolean isValid(String value) {
        return value != null
                && value.trim().length() <= MAX_LENGTH
                && SHAPE.matcher(value.trim()).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
