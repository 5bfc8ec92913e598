package coop.cluster.finance.reconciliation.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A statement file that cannot be imported, naming where and what is wrong. Nothing of such a file
 * is stored.
 *
 * <p>{@link Kind#MALFORMED}: the file cannot be read as its format at all (not XML, no header, a
 * line with the wrong number of fields); {@link Kind#INVALID}: it reads, but a value is wrong or
 * missing (a date, an amount, a balance). The {@code code} is stable and names the problem
 * messages; {@code value} is the offending text (shortened).
 */
public final class StatementProblem extends RuntimeException {

    public enum Kind {
        MALFORMED,
        INVALID
    }

    public static final String UNREADABLE = "statement-unreadable";
    public static final String COLUMN_MISSING = "statement-column-missing";
    public static final String FIELD_COUNT = "statement-field-count";
    public static final String DATE_INVALID = "statement-date-invalid";
    public static final String AMOUNT_INVALID = "statement-amount-invalid";
    public static final String CURRENCY_INVALID = "statement-currency-invalid";
    public static final String CURRENCY_MIXED = "statement-currency-mixed";
    public static final String ELEMENT_MISSING = "statement-element-missing";
    public static final String VALUE_INVALID = "statement-value-invalid";
    public static final String BALANCES_INCONSISTENT = "statement-balances-inconsistent";
    public static final String TOO_MANY_LINES = "statement-too-many-lines";

    /** The statement is in another currency than the ledger's bank account holds. */
    public static final String CURRENCY_UNSUPPORTED = "statement-currency-unsupported";

    /** The statement's account is not one of the cluster's bank accounts. */
    public static final String ACCOUNT_UNKNOWN = "statement-account-unknown";

    private static final int MAX_VALUE_LENGTH = 80;

    private final Kind kind;
    private final String code;
    private final Where where;
    private final String value;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public StatementProblem(Kind kind, String code, Where where, String value) {
        super(code + " at " + where + (value == null ? "" : ": " + value));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.where = Objects.requireNonNull(where, "where");
        this.value = shorten(value);
    }

    public static StatementProblem malformed(String code, Where where, String value) {
        return new StatementProblem(Kind.MALFORMED, code, where, value);
    }

    public static StatementProblem invalid(String code, Where where, String value) {
        return new StatementProblem(Kind.INVALID, code, where, value);
    }

    /**
     * Adds a property that the problem body shows as it is, such as the columns a CSV header lacks.
     */
    StatementProblem with(String name, Object property) {
        properties.put(name, property);
        return this;
    }

    private static String shorten(String value) {
        if (value == null) {
            return "";
        }
        String flat = value.replaceAll("\\p{Cntrl}", " ");
        return flat.length() <= MAX_VALUE_LENGTH ? flat : flat.substring(0, MAX_VALUE_LENGTH) + "…";
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Where where() {
        return where;
    }

    public String value() {
        return value;
    }

    /** More about the problem, by name, for the problem body (empty for most). */
    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /**
     * Where in the file: a CSV line (and column), or an XML element path such as {@code
     * Stmt/Ntry[3]/Amt} (with the parser's line when known).
     */
    public record Where(Integer line, String column, String element) {

        public static Where line(int line) {
            return new Where(line, null, null);
        }

        public static Where cell(int line, String column) {
            return new Where(line, column, null);
        }

        /**
         * A request parameter that stands for part of the statement, such as a CSV's closing
         * balance.
         */
        public static Where parameter(String name) {
            return new Where(null, name, null);
        }

        public static Where element(String path) {
            return new Where(null, null, path);
        }

        public static Where element(String path, int line) {
            return new Where(line, null, path);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            if (line == null && element == null) {
                return "parameter " + column;
            }
            if (element != null) {
                text.append(element);
            }
            if (line != null) {
                text.append(text.isEmpty() ? "" : " ").append("line ").append(line);
            }
            if (column != null) {
                text.append(" column ").append(column);
            }
            return text.toString();
        }
    }
}
