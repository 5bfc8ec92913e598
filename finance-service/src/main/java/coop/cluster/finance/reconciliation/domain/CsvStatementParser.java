package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.reconciliation.domain.StatementProblem.Where;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a bank statement exported as CSV.
 *
 * <p><b>The format.</b> RFC 4180 records (fields may be quoted with {@code "}, a quote inside doubled; a quoted
 * field may hold separators and line breaks). The first non-blank line is the header; blank lines are skipped.
 * Columns, in any order, named case-insensitively in English or French:
 * <ul>
 * <li>{@code date} ({@code booking date}, {@code date comptable}, {@code date opération}): required;
 * {@code yyyy-MM-dd} or day first {@code dd/MM/yyyy};</li>
 * <li>{@code value date} ({@code date valeur}): optional;</li>
 * <li>{@code amount} ({@code montant}): required; signed, positive for money in;</li>
 * <li>{@code currency} ({@code devise}): required; ISO 4217, the same on every line;</li>
 * <li>{@code reference} ({@code référence}, {@code libellé}): required (may be empty on a line);</li>
 * <li>{@code counterparty} ({@code contrepartie}, {@code tiers}): required (may be empty on a line);</li>
 * <li>{@code bank transaction id} ({@code transaction id}, {@code id transaction}): optional.</li>
 * </ul>
 * <b>Separators, detected from the header:</b> a header with {@code ;} means French-style fields separated by
 * {@code ;} and amounts with a decimal comma ({@code -1 234,56}, {@code -1.234,56}: spaces and dots group
 * thousands); otherwise fields are separated by {@code ,} (or a tab when the header has tabs) and amounts use a
 * decimal point ({@code -1234.56}, no grouping). Amounts are exact: more decimals than the currency has are
 * refused, never rounded.
 *
 * <p><b>Encoding:</b> the charset given (from the Content-Type), else UTF-8 (a byte-order mark is skipped), else
 * Windows-1252 when the bytes are not UTF-8, as older French bank exports are.
 *
 * <p><b>Balances</b> are not in the file: they come with it as {@link Options} (request parameters).
 */
public final class CsvStatementParser {

    /** What the file does not say: the closing balance is required, the rest optional. */
    public record Options(String statementId, String account, BigDecimal openingBalance, BigDecimal closingBalance,
            LocalDate closingDate) {
    }

    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern POINT_AMOUNT = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final Pattern COMMA_AMOUNT = Pattern.compile("[+-]?(\\d+|\\d{1,3}(\\.\\d{3})+)(,\\d+)?");

    enum Column {
        DATE(true, "date", "booking date", "booking_date", "date comptable", "date operation", "date opération"),
        VALUE_DATE(false, "value date", "value_date", "date valeur", "date de valeur"),
        AMOUNT(true, "amount", "montant"),
        CURRENCY(true, "currency", "devise"),
        REFERENCE(true, "reference", "référence", "libelle", "libellé"),
        COUNTERPARTY(true, "counterparty", "contrepartie", "tiers"),
        TRANSACTION_ID(false, "bank transaction id", "bank_transaction_id", "transaction id", "id transaction",
                "transaction_id");

        final boolean required;
        final List<String> names;

        Column(boolean required, String... names) {
            this.required = required;
            this.names = List.of(names);
        }
    }

    public BankStatement parse(byte[] content, Charset charset, Options options) {
        String text = decode(content, charset);
        List<Record> records = records(text);
        if (records.isEmpty()) {
            throw StatementProblem.malformed(StatementProblem.UNREADABLE, Where.line(1), "no header line");
        }
        Record header = records.getFirst();
        char separator = header.separator;
        Map<Column, Integer> columns = columns(header);
        boolean decimalComma = separator == ';';
        List<StatementLine> lines = new ArrayList<>();
        Currency currency = null;
        for (Record record : records.subList(1, records.size())) {
            if (record.fields.size() != header.fields.size()) {
                throw StatementProblem.malformed(StatementProblem.FIELD_COUNT, Where.line(record.line),
                        record.fields.size() + " ≠ " + header.fields.size());
            }
            if (lines.size() == StatementChecks.MAX_LINES) {
                throw StatementProblem.invalid(StatementProblem.TOO_MANY_LINES, Where.line(record.line),
                        Integer.toString(StatementChecks.MAX_LINES));
            }
            Currency lineCurrency = StatementChecks.currency(field(record, columns, Column.CURRENCY),
                    Where.cell(record.line, "currency"));
            if (currency == null) {
                currency = lineCurrency;
            } else if (!currency.equals(lineCurrency)) {
                throw StatementProblem.invalid(StatementProblem.CURRENCY_MIXED, Where.cell(record.line, "currency"),
                        lineCurrency.getCurrencyCode() + " ≠ " + currency.getCurrencyCode());
            }
            String amountText = field(record, columns, Column.AMOUNT);
            Where amountAt = Where.cell(record.line, "amount");
            Money amount = StatementChecks.money(amount(amountText, decimalComma, amountAt), currency, amountAt,
                    amountText);
            LocalDate date = date(field(record, columns, Column.DATE), Where.cell(record.line, "date"), true);
            LocalDate valueDate = date(field(record, columns, Column.VALUE_DATE),
                    Where.cell(record.line, "value date"), false);
            lines.add(new StatementLine(lines.size() + 1, date, valueDate, amount,
                    blankToNull(field(record, columns, Column.REFERENCE)),
                    blankToNull(field(record, columns, Column.COUNTERPARTY)),
                    blankToNull(field(record, columns, Column.TRANSACTION_ID))));
        }
        if (options.closingBalance() == null) {
            throw StatementProblem.invalid(StatementProblem.VALUE_INVALID, Where.parameter("closingBalance"),
                    "missing");
        }
        if (currency == null) {
            throw StatementProblem.invalid(StatementProblem.VALUE_INVALID, Where.line(header.line + 1),
                    "no booking line: nothing to reconcile");
        }
        LocalDate closingDate = options.closingDate() != null ? options.closingDate()
                : StatementChecks.latest(lines, null);
        for (StatementLine line : lines) {
            if (line.bookingDate().isAfter(closingDate)) {
                throw StatementProblem.invalid(StatementProblem.DATE_INVALID, Where.parameter("closingDate"),
                        closingDate + " < " + line.bookingDate());
            }
        }
        Money closing = StatementChecks.money(options.closingBalance(), currency, Where.parameter("closingBalance"),
                options.closingBalance().toPlainString());
        Money opening = options.openingBalance() == null ? null : StatementChecks.money(options.openingBalance(),
                currency, Where.parameter("openingBalance"), options.openingBalance().toPlainString());
        StatementChecks.balancesAddUp(opening, lines, closing, Where.parameter("closingBalance"));
        return new BankStatement(StatementFormat.CSV, blankToNull(options.statementId()),
                blankToNull(options.account()), currency, opening, closing,
                StatementChecks.earliest(lines, closingDate), closingDate, lines);
    }

    private static String decode(byte[] content, Charset charset) {
        if (charset != null) {
            return stripBom(new String(content, charset));
        }
        try {
            return stripBom(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString());
        } catch (CharacterCodingException notUtf8) {
            return new String(content, Charset.forName("windows-1252"));
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Map<Column, Integer> columns(Record header) {
        Map<Column, Integer> found = new HashMap<>();
        for (int i = 0; i < header.fields.size(); i++) {
            String name = header.fields.get(i).strip().toLowerCase(Locale.ROOT);
            for (Column column : Column.values()) {
                if (column.names.contains(name)) {
                    if (found.put(column, i) != null) {
                        throw StatementProblem.malformed(StatementProblem.UNREADABLE, Where.cell(header.line, name),
                                "column named twice");
                    }
                }
            }
        }
        for (Column column : Column.values()) {
            if (column.required && !found.containsKey(column)) {
                throw StatementProblem.malformed(StatementProblem.COLUMN_MISSING, Where.line(header.line),
                        column.names.getFirst());
            }
        }
        return found;
    }

    private static String field(Record record, Map<Column, Integer> columns, Column column) {
        Integer index = columns.get(column);
        return index == null ? null : record.fields.get(index).strip();
    }

    static BigDecimal amount(String text, boolean decimalComma, Where where) {
        if (text == null || text.isEmpty()) {
            throw StatementProblem.invalid(StatementProblem.AMOUNT_INVALID, where, "");
        }
        String plain = text;
        if (decimalComma) {
            plain = text.replace(" ", "").replace("\u00A0", "").replace("\u202F", "");
            if (!COMMA_AMOUNT.matcher(plain).matches()) {
                throw StatementProblem.invalid(StatementProblem.AMOUNT_INVALID, where, text);
            }
            plain = plain.replace(".", "").replace(',', '.');
        } else if (!POINT_AMOUNT.matcher(plain).matches()) {
            throw StatementProblem.invalid(StatementProblem.AMOUNT_INVALID, where, text);
        }
        if (plain.length() > 40) {
            throw StatementProblem.invalid(StatementProblem.AMOUNT_INVALID, where, text);
        }
        return new BigDecimal(plain);
    }

    static LocalDate date(String text, Where where, boolean required) {
        if (text == null || text.isEmpty()) {
            if (required) {
                throw StatementProblem.invalid(StatementProblem.DATE_INVALID, where, "");
            }
            return null;
        }
        try {
            return text.contains("/") ? LocalDate.parse(text, DAY_FIRST) : LocalDate.parse(text);
        } catch (DateTimeParseException wrong) {
            throw StatementProblem.invalid(StatementProblem.DATE_INVALID, where, text);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** A record of the file, the physical line it starts on, and the separator it was split with. */
    private record Record(int line, List<String> fields, char separator) {
    }

    /** Splits the text into records; the header (first non-blank line) decides the separator. */
    private static List<Record> records(String text) {
        List<Record> records = new ArrayList<>();
        Character separator = null;
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int startLine = line;
            if (separator == null) {
                int end = text.indexOf('\n', i);
                String first = text.substring(i, end < 0 ? n : end);
                if (first.isBlank()) {
                    i = end < 0 ? n : end + 1;
                    line++;
                    continue;
                }
                separator = first.indexOf(';') >= 0 ? ';' : first.indexOf('\t') >= 0 ? '\t' : ',';
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            boolean endOfRecord = false;
            while (i < n && !endOfRecord) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"') {
                    if (!field.toString().isBlank() || wasQuoted) {
                        throw StatementProblem.malformed(StatementProblem.UNREADABLE, Where.line(line),
                                "a quote inside an unquoted field");
                    }
                    field.setLength(0);
                    quoted = true;
                    wasQuoted = true;
                } else if (c == separator) {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\n') {
                    endOfRecord = true;
                    line++;
                } else if (c != '\r') {
                    if (wasQuoted && !Character.isWhitespace(c)) {
                        throw StatementProblem.malformed(StatementProblem.UNREADABLE, Where.line(line),
                                "text after a closing quote");
                    }
                    if (!wasQuoted) {
                        field.append(c);
                    }
                }
                i++;
            }
            if (quoted) {
                throw StatementProblem.malformed(StatementProblem.UNREADABLE, Where.line(startLine),
                        "a quoted field is never closed");
            }
            fields.add(field.toString());
            boolean blank = fields.size() == 1 && fields.getFirst().isBlank() && !wasQuoted;
            if (!blank) {
                records.add(new Record(startLine, List.copyOf(fields), separator));
            }
        }
        return records;
    }
}
