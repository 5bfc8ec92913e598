package coop.cluster.fundingwatch.call.adapter;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.HtmlText;
import coop.cluster.fundingwatch.call.domain.Money;
import coop.cluster.fundingwatch.call.domain.Rejection.Reason;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Reading typed values out of a record's JSON, with the rejection each kind of bad value earns. */
final class Fields {

    private static final int SHOWN = 60;

    private Fields() {}

    /**
     * A string field: {@code null} when absent or JSON null; a non-string is {@code wrong-type}.
     */
    static String text(JsonNode record, String field) {
        return text(record.get(field), field, false);
    }

    /**
     * A string value; {@code null} for null or absent. With {@code numbersToo}, a JSON number is
     * read as its text (for codes such as {@code type} and ids that some feeds send as numbers).
     */
    static String text(JsonNode value, String field, boolean numbersToo) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (numbersToo && value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        throw wrongType(field, numbersToo ? "a string or an integer" : "a string", value);
    }

    /**
     * A list of strings: absent or null is empty, one string is a list of one; non-string items are
     * wrong-type.
     */
    static List<String> texts(JsonNode record, String field) {
        return textList(record.get(field), field);
    }

    static List<String> textList(JsonNode value, String field) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return List.of();
        }
        if (value.isString()) {
            return List.of(value.stringValue());
        }
        if (!value.isArray()) {
            throw wrongType(field, "an array of strings", value);
        }
        List<String> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String item = text(value.get(i), field + "[" + i + "]", false);
            if (item != null) {
                out.add(item);
            }
        }
        return out;
    }

    /** One date: absent or null is {@code null}; see {@link FeedDates} for the accepted forms. */
    static Instant date(JsonNode value, String field) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue().isBlank()
                    ? null
                    : FeedDates.parse(value.stringValue(), field);
        }
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong()) {
                throw new RecordProblem(
                        Reason.INVALID_DATE,
                        field + ": " + shorten(value.toString()) + " is out of range");
            }
            return FeedDates.fromEpochMillis(value.longValue(), field);
        }
        if (value.isNumber()) {
            throw new RecordProblem(
                    Reason.INVALID_DATE,
                    field
                            + ": "
                            + shorten(value.toString())
                            + " is not a date (epoch milliseconds are a whole number)");
        }
        throw wrongType(field, "a date (string or epoch milliseconds)", value);
    }

    /** Dates from an array (or a single value); absent or null is empty. */
    static List<Instant> dates(JsonNode value, String field) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            Instant one = date(value, field);
            return one == null ? List.of() : List.of(one);
        }
        List<Instant> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            Instant date = date(value.get(i), field + "[" + i + "]");
            if (date != null) {
                out.add(date);
            }
        }
        return out;
    }

    /**
     * An exact amount from a decimal string ({@code "1500000.00"}, a '.' separator, no grouping) or
     * a JSON number. {@code null} when absent.
     */
    static BigDecimal amount(JsonNode value, String field) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (!value.isString()) {
            throw wrongType(field, "a decimal string or a number", value);
        }
        String text = value.stringValue().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (!text.matches("[0-9]{1,18}(\\.[0-9]{1,10})?")) {
            throw new RecordProblem(
                    Reason.INVALID_BUDGET,
                    field
                            + ": '"
                            + shorten(text)
                            + "' is not an amount (digits, an optional '.' and decimals)");
        }
        return new BigDecimal(text);
    }

    /**
     * A budget from an amount and a currency code, {@code invalid-budget} when either is unusable.
     */
    static Money money(BigDecimal amount, String currency, String field) {
        if (amount == null) {
            return null;
        }
        if (currency == null || currency.isBlank()) {
            throw new RecordProblem(
                    Reason.INVALID_BUDGET, field + ": an amount without a currency");
        }
        try {
            return new Money(amount, currency.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RecordProblem(Reason.INVALID_BUDGET, field + ": " + e.getMessage());
        }
    }

    /** An http or https URL, or {@code null} when absent; anything else is {@code invalid-url}. */
    static String url(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.strip();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && url.length() <= FundingCall.MAX_URL) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new RecordProblem(
                Reason.INVALID_URL, field + ": '" + shorten(url) + "' is not an http(s) URL");
    }

    /** The reference, required and short enough to be kept whole. */
    static String reference(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RecordProblem(Reason.MISSING_REFERENCE, field + " is missing");
        }
        String reference = value.strip();
        if (reference.length() > FundingCall.MAX_REFERENCE) {
            throw new RecordProblem(
                    Reason.INVALID_REFERENCE,
                    field + " is longer than " + FundingCall.MAX_REFERENCE + " characters");
        }
        return reference;
    }

    /** The title as plain text on one line, required. */
    static String title(String value, String field) {
        String title = HtmlText.toSingleLine(value);
        if (title == null || title.isBlank()) {
            throw new RecordProblem(Reason.MISSING_TITLE, field + " is missing");
        }
        return title;
    }

    /** Plain text on one line for each item. */
    static List<String> singleLines(List<String> values) {
        return values.stream().map(HtmlText::toSingleLine).filter(v -> !v.isBlank()).toList();
    }

    static RecordProblem wrongType(String field, String expected, JsonNode actual) {
        return new RecordProblem(
                Reason.WRONG_TYPE, field + ": expected " + expected + ", got " + describe(actual));
    }

    static String describe(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    /** A value cut short for a message, without control characters. */
    static String shorten(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= SHOWN ? clean : clean.substring(0, SHOWN) + "\u2026";
    }
}
