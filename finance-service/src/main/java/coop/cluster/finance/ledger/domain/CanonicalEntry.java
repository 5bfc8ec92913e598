package coop.cluster.finance.ledger.domain;

import java.util.List;
import java.util.Objects;

/**
 * A journal entry as its period's seal covers it: the stored text of each field, so that an auditor
 * recomputes the same bytes from the journal documents alone. Fields may be {@code null} (a damaged
 * document); the form stays defined, and then differs from the one sealed.
 *
 * <p><b>Canonical form</b> ({@link #appendCanonical}): the JSON Canonicalization Scheme (RFC 8785)
 * of
 *
 * <pre>{@code
 * {"conversions":[{"fromAmount","fromCurrency","toAmount","toCurrency"}...],"date":"yyyy-MM-dd",
 *  "description","entryId","idempotencyKey","postings":[{"account","amount","currency","side"}...],
 *  "reverses":string|null,"sequence":integer}
 * }</pre>
 *
 * keys in that (code point) order, no white space, postings and conversions in their stored order,
 * every amount a plain decimal string at the currency's minor unit ({@code "12.50"}, {@code "100"}
 * for yen), the sequence an integer, strings escaped as RFC 8785 says (only {@code "}, {@code \},
 * and control characters below U+0020: {@code \b \t \n \f \r}, otherwise {@code \}{@code u00xx} in
 * lower case; a lone surrogate as {@code \}{@code udxxx}); encoded in UTF-8.
 *
 * @param sequence the entry's place in the journal
 * @param date the effective date, ISO {@code yyyy-MM-dd}
 */
public record CanonicalEntry(
        long sequence,
        String entryId,
        String idempotencyKey,
        String date,
        String description,
        List<PostingLine> postings,
        String reverses,
        List<ConversionLine> conversions) {

    public CanonicalEntry {
        postings = postings == null ? List.of() : List.copyOf(postings);
        conversions = conversions == null ? List.of() : List.copyOf(conversions);
    }

    /** One posting; {@code side} is {@code DEBIT} or {@code CREDIT}. */
    public record PostingLine(String account, String side, String amount, String currency) {}

    /** One conversion: what was given up and what was received. */
    public record ConversionLine(
            String fromAmount, String fromCurrency, String toAmount, String toCurrency) {}

    /** The canonical form of an entry at its sequence. */
    public static CanonicalEntry of(long sequence, JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return new CanonicalEntry(
                sequence,
                entry.id(),
                entry.idempotencyKey(),
                entry.effectiveDate().toString(),
                entry.description(),
                entry.postings().stream()
                        .map(
                                posting ->
                                        new PostingLine(
                                                posting.accountCode(),
                                                posting.side().name(),
                                                amount(posting.amount()),
                                                code(posting.amount())))
                        .toList(),
                entry.reverses(),
                entry.conversions().stream()
                        .map(
                                conversion ->
                                        new ConversionLine(
                                                amount(conversion.from()),
                                                code(conversion.from()),
                                                amount(conversion.to()),
                                                code(conversion.to())))
                        .toList());
    }

    /** Appends the canonical JSON text (see the class comment). */
    public StringBuilder appendCanonical(StringBuilder out) {
        out.append("{\"conversions\":[");
        for (int i = 0; i < conversions.size(); i++) {
            ConversionLine line = conversions.get(i);
            out.append(i == 0 ? "{" : ",{");
            field(out, "fromAmount", line.fromAmount()).append(',');
            field(out, "fromCurrency", line.fromCurrency()).append(',');
            field(out, "toAmount", line.toAmount()).append(',');
            field(out, "toCurrency", line.toCurrency()).append('}');
        }
        out.append("],");
        field(out, "date", date).append(',');
        field(out, "description", description).append(',');
        field(out, "entryId", entryId).append(',');
        field(out, "idempotencyKey", idempotencyKey).append(',');
        out.append("\"postings\":[");
        for (int i = 0; i < postings.size(); i++) {
            PostingLine line = postings.get(i);
            out.append(i == 0 ? "{" : ",{");
            field(out, "account", line.account()).append(',');
            field(out, "amount", line.amount()).append(',');
            field(out, "currency", line.currency()).append(',');
            field(out, "side", line.side()).append('}');
        }
        out.append("],");
        field(out, "reverses", reverses).append(',');
        return out.append("\"sequence\":").append(sequence).append('}');
    }

    /** The canonical JSON text. */
    public String canonical() {
        return appendCanonical(new StringBuilder(256)).toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        return string(out, value);
    }

    /** A JSON string (or {@code null}) escaped as RFC 8785 does. */
    static StringBuilder string(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || loneSurrogate(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static boolean loneSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
        }
        return false;
    }

    private static String amount(Money money) {
        return money.amount().toPlainString();
    }

    private static String code(Money money) {
        return money.currency().getCurrencyCode();
    }
}
