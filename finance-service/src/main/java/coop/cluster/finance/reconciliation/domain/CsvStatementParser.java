package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.reconciliation.domain.StatementProblem.Where;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a bank statement exported as CSV.
 *
 * <p><b>The format.</b> RFC 4180 records, read by Apache Commons CSV: fields may be quoted with
 * {@code "}, a quote inside doubled; a quoted field may hold separators and line breaks (a CRLF in
 * it read as LF; a lone CR is dropped wherever it is); spaces around a field, or around its quotes,
 * are not part of it; a quote inside an unquoted field is read as it is. Text after a closing
 * quote, or a quote never closed, makes the file unreadable. The first non-blank line is the
 * header; blank lines are skipped. Columns, in any order, named case-insensitively (accents, {@code
 * _} and a trailing {@code :} aside) in English, French, Dutch or German, as the banks of the
 * clusters we serve (France, Belgium) export them; {@link Column} has every name:
 *
 * <ul>
 *   <li>date: required; the booking date ({@code date}, {@code date comptable}, {@code datum},
 *       {@code boekingsdatum}, {@code uitvoeringsdatum}, {@code buchungstag}...); {@code
 *       yyyy-MM-dd} or day first {@code dd/MM/yyyy}, {@code dd.MM.yyyy}, {@code dd-MM-yyyy};
 *   <li>amount: required ({@code montant}, {@code bedrag}, {@code betrag}); signed, positive for
 *       money in;
 *   <li>currency: required ({@code devise}, {@code munt}, {@code valuta rekening}, {@code
 *       währung}...); ISO 4217, the same on every line;
 *   <li>value date ({@code date valeur}, {@code valutadatum}, {@code valuta}, {@code
 *       wertstellung}), reference (one or more columns, joined: {@code libellé}, {@code
 *       mededeling}, {@code omschrijving}, {@code details}, {@code verwendungszweck}...),
 *       counterparty ({@code contrepartie}, {@code naam van de tegenpartij}, {@code name der
 *       gegenpartei}...), bank transaction id ({@code volgnummer}, {@code laufende nummer}...) and
 *       the account the statement is of ({@code compte}, {@code rekeningnummer}, {@code
 *       kontonummer}, {@code iban}; the same on every line): optional.
 * </ul>
 *
 * When a column has several of its names in the header, the most specific one is read (Dutch {@code
 * naam van de tegenpartij} rather than {@code tegenpartij}, which is the counterparty's account).
 * <b>Separators, detected from the header:</b> a header with {@code ;} means European-style fields
 * separated by {@code ;} and amounts with a decimal comma ({@code -1 234,56}, {@code -1.234,56}:
 * spaces and dots group thousands); otherwise fields are separated by {@code ,} (or a tab when the
 * header has tabs) and amounts use a decimal point ({@code -1234.56}, no grouping). Amounts are
 * exact: more decimals than the currency has are refused, never rounded.
 *
 * <p><b>Encoding:</b> the charset given (from the Content-Type), else UTF-8 (a byte-order mark is
 * skipped), else Windows-1252 when the bytes are not UTF-8, as older French and Belgian bank
 * exports are.
 *
 * <p><b>Balances</b> are not in the file: they come with it as {@link Options} (request
 * parameters).
 */
public final class CsvStatementParser {

    /**
     * What the file does not say: the closing balance is required, the rest optional.
     *
     * @param account the statement's account; when {@code null}, the file's account column if it
     *     has one
     */
    public record Options(
            String statementId,
            String account,
            BigDecimal openingBalance,
            BigDecimal closingBalance,
            LocalDate closingDate) {}

    private static final DateTimeFormatter DAY_FIRST =
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DAY_FIRST_DOTS =
            DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DAY_FIRST_DASHES =
            DateTimeFormatter.ofPattern("dd-MM-uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern POINT_AMOUNT = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final Pattern COMMA_AMOUNT =
            Pattern.compile("[+-]?(\\d+|\\d{1,3}(\\.\\d{3})+)(,\\d+)?");

    /**
     * The columns read, each with its name in problems ({@code label}) and the header names it is
     * known by, most specific first, in English, French, Dutch and German.
     */
    public enum Column {
        DATE(
                "date",
                true,
                false,
                "booking date",
                "date comptable",
                "date de comptabilisation",
                "boekingsdatum",
                "buchungsdatum",
                "buchungstag",
                "transaction date",
                "posting date",
                "date opération",
                "date de l'opération",
                "date d'opération",
                "uitvoeringsdatum",
                "verrichtingsdatum",
                "boekdatum",
                "transactiedatum",
                "ausführungsdatum",
                "date",
                "datum"),
        VALUE_DATE(
                "value date",
                false,
                false,
                "value date",
                "date valeur",
                "date de valeur",
                "valutadatum",
                "valuta datum",
                "rentedatum",
                "wertstellung",
                "wertstellungsdatum",
                "valuta"),
        AMOUNT(
                "amount",
                true,
                false,
                "amount",
                "montant",
                "bedrag",
                "bedrag v/d verrichting",
                "bedrag van de verrichting",
                "betrag",
                "umsatz"),
        CURRENCY(
                "currency",
                true,
                false,
                "currency",
                "devise",
                "monnaie",
                "munt",
                "munteenheid",
                "valuta rekening",
                "devies",
                "währung",
                "waehrung",
                "währung des kontos",
                "ccy"),
        REFERENCE(
                "reference",
                false,
                true,
                "reference",
                "libellé",
                "description",
                "details",
                "communication",
                "remittance information",
                "motif",
                "mededeling",
                "mededelingen",
                "gestructureerde mededeling",
                "vrije mededeling",
                "mededeling 1",
                "mededeling 2",
                "omschrijving",
                "detail van de omzet",
                "bericht",
                "beschrijving",
                "verwendungszweck",
                "mitteilung",
                "einzelheiten",
                "buchungstext",
                "beschreibung"),
        COUNTERPARTY(
                "counterparty",
                false,
                false,
                "counterparty",
                "counterparty name",
                "payee",
                "payer",
                "contrepartie",
                "nom de la contrepartie",
                "tiers",
                "bénéficiaire",
                "naam van de tegenpartij",
                "naam tegenpartij",
                "naam v/d tegenpartij",
                "naam tegenpartij bevat",
                "name der gegenpartei",
                "name zahlungsbeteiligter",
                "begünstigter/zahlungspflichtiger",
                "auftraggeber/empfänger",
                "zahlungsempfänger",
                "empfänger",
                "tegenpartij",
                "gegenpartei"),
        TRANSACTION_ID(
                "bank transaction id",
                false,
                false,
                "bank transaction id",
                "transaction id",
                "id transaction",
                "numéro de transaction",
                "volgnummer",
                "transactienummer",
                "omzetnummer",
                "ref. v/d verrichting",
                "laufende nummer",
                "transaktionsnummer"),
        ACCOUNT(
                "account",
                false,
                false,
                "account",
                "account number",
                "iban",
                "compte",
                "numéro de compte",
                "rekeningnummer",
                "rekening",
                "nr v/d rekening",
                "iban/bban",
                "konto",
                "kontonummer",
                "auftragskonto");

        final String label;
        final boolean required;

        /** Whether several columns may hold it: their texts are joined. */
        final boolean several;

        final List<String> names;
        final List<String> normalized;

        Column(String label, boolean required, boolean several, String... names) {
            this.label = label;
            this.required = required;
            this.several = several;
            this.names = List.of(names);
            this.normalized = this.names.stream().map(CsvStatementParser::normalize).toList();
        }

        /** What problems call it. */
        public String label() {
            return label;
        }

        /** The header names it is known by. */
        public List<String> names() {
            return names;
        }

        /** The columns a header must have. */
        public static List<Column> requiredColumns() {
            return java.util.Arrays.stream(values()).filter(column -> column.required).toList();
        }
    }

    private final Currency ledgerCurrency;

    /** A parser that reads statements in any currency. */
    public CsvStatementParser() {
        this(null);
    }

    /**
     * @param ledgerCurrency the only currency a statement may be in; {@code null} for any
     */
    public CsvStatementParser(Currency ledgerCurrency) {
        this.ledgerCurrency = ledgerCurrency;
    }

    public BankStatement parse(byte[] content, Charset charset, Options options) {
        String text = decode(content, charset);
        List<Record> records = records(text);
        if (records.isEmpty()) {
            throw StatementProblem.malformed(
                    StatementProblem.UNREADABLE, Where.line(1), "no header line");
        }
        Record header = records.getFirst();
        char separator = header.separator;
        Map<Column, List<Integer>> columns = columns(header);
        String fileAccount = null;
        boolean decimalComma = separator == ';';
        List<StatementLine> lines = new ArrayList<>();
        Currency currency = null;
        for (Record record : records.subList(1, records.size())) {
            if (record.fields.size() != header.fields.size()) {
                throw StatementProblem.malformed(
                        StatementProblem.FIELD_COUNT,
                        Where.line(record.line),
                        record.fields.size() + " ≠ " + header.fields.size());
            }
            if (lines.size() == StatementChecks.MAX_LINES) {
                throw StatementProblem.invalid(
                        StatementProblem.TOO_MANY_LINES,
                        Where.line(record.line),
                        Integer.toString(StatementChecks.MAX_LINES));
            }
            Currency lineCurrency =
                    StatementChecks.currency(
                            field(record, columns, Column.CURRENCY),
                            Where.cell(record.line, "currency"));
            if (currency == null) {
                if (ledgerCurrency != null && !ledgerCurrency.equals(lineCurrency)) {
                    throw StatementProblem.invalid(
                                    StatementProblem.CURRENCY_UNSUPPORTED,
                                    Where.cell(record.line, "currency"),
                                    lineCurrency.getCurrencyCode())
                            .with("expected", ledgerCurrency.getCurrencyCode());
                }
                currency = lineCurrency;
            } else if (!currency.equals(lineCurrency)) {
                throw StatementProblem.invalid(
                        StatementProblem.CURRENCY_MIXED,
                        Where.cell(record.line, "currency"),
                        lineCurrency.getCurrencyCode() + " ≠ " + currency.getCurrencyCode());
            }
            String amountText = field(record, columns, Column.AMOUNT);
            Where amountAt = Where.cell(record.line, "amount");
            Money amount =
                    StatementChecks.money(
                            amount(amountText, decimalComma, amountAt),
                            currency,
                            amountAt,
                            amountText);
            LocalDate date =
                    date(
                            field(record, columns, Column.DATE),
                            Where.cell(record.line, "date"),
                            true);
            LocalDate valueDate =
                    date(
                            field(record, columns, Column.VALUE_DATE),
                            Where.cell(record.line, "value date"),
                            false);
            String lineAccount = account(field(record, columns, Column.ACCOUNT));
            if (lineAccount != null) {
                if (fileAccount != null && !fileAccount.equals(lineAccount)) {
                    throw StatementProblem.invalid(
                            StatementProblem.VALUE_INVALID,
                            Where.cell(record.line, "account"),
                            lineAccount + " ≠ " + fileAccount);
                }
                fileAccount = lineAccount;
            }
            lines.add(
                    new StatementLine(
                            lines.size() + 1,
                            date,
                            valueDate,
                            amount,
                            blankToNull(field(record, columns, Column.REFERENCE)),
                            blankToNull(field(record, columns, Column.COUNTERPARTY)),
                            blankToNull(field(record, columns, Column.TRANSACTION_ID))));
        }
        if (options.closingBalance() == null) {
            throw StatementProblem.invalid(
                    StatementProblem.VALUE_INVALID, Where.parameter("closingBalance"), "missing");
        }
        if (currency == null) {
            throw StatementProblem.invalid(
                    StatementProblem.VALUE_INVALID,
                    Where.line(header.line + 1),
                    "no booking line: nothing to reconcile");
        }
        LocalDate closingDate =
                options.closingDate() != null
                        ? options.closingDate()
                        : StatementChecks.latest(lines, null);
        for (StatementLine line : lines) {
            if (line.bookingDate().isAfter(closingDate)) {
                throw StatementProblem.invalid(
                        StatementProblem.DATE_INVALID,
                        Where.parameter("closingDate"),
                        closingDate + " < " + line.bookingDate());
            }
        }
        Money closing =
                StatementChecks.money(
                        options.closingBalance(),
                        currency,
                        Where.parameter("closingBalance"),
                        options.closingBalance().toPlainString());
        Money opening =
                options.openingBalance() == null
                        ? null
                        : StatementChecks.money(
                                options.openingBalance(),
                                currency,
                                Where.parameter("openingBalance"),
                                options.openingBalance().toPlainString());
        StatementChecks.balancesAddUp(opening, lines, closing, Where.parameter("closingBalance"));
        String account = account(options.account());
        if (account != null && fileAccount != null && !account.equals(fileAccount)) {
            throw StatementProblem.invalid(
                    StatementProblem.VALUE_INVALID,
                    Where.parameter("account"),
                    account + " ≠ " + fileAccount);
        }
        return new BankStatement(
                StatementFormat.CSV,
                blankToNull(options.statementId()),
                account != null ? account : fileAccount,
                currency,
                opening,
                closing,
                StatementChecks.earliest(lines, closingDate),
                closingDate,
                lines);
    }

    private static String decode(byte[] content, Charset charset) {
        if (charset != null) {
            return stripBom(new String(content, charset));
        }
        try {
            return stripBom(
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(content))
                            .toString());
        } catch (CharacterCodingException notUtf8) {
            return new String(content, Charset.forName("windows-1252"));
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * A header name as compared: lower case, without accents, {@code _} as a space, no trailing
     * {@code :}.
     */
    static String normalize(String name) {
        String plain =
                Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT)
                .replace('_', ' ')
                .replace('\u2019', '\'')
                .replaceAll("\\s+", " ")
                .replaceAll("[\\s:]+$", "")
                .strip();
    }

    /**
     * The columns of the header: for each, its field (several for the reference), the most specific
     * name first.
     */
    private static Map<Column, List<Integer>> columns(Record header) {
        Map<Column, List<Integer>> found = new EnumMap<>(Column.class);
        Map<Column, Integer> rank = new EnumMap<>(Column.class);
        for (int i = 0; i < header.fields.size(); i++) {
            String name = normalize(header.fields.get(i));
            for (Column column : Column.values()) {
                int at = column.normalized.indexOf(name);
                if (at < 0) {
                    continue;
                }
                List<Integer> fields = found.computeIfAbsent(column, c -> new ArrayList<>());
                if (column.several) {
                    fields.add(i);
                } else if (fields.isEmpty() || at < rank.get(column)) {
                    fields.clear();
                    fields.add(i);
                    rank.put(column, at);
                } else if (at == rank.get(column)) {
                    throw twice(header, name);
                }
            }
        }
        List<Column> missing =
                Column.requiredColumns().stream()
                        .filter(column -> !found.containsKey(column))
                        .toList();
        if (!missing.isEmpty()) {
            Map<String, List<String>> accepted = new LinkedHashMap<>();
            missing.forEach(column -> accepted.put(column.label, column.names));
            throw StatementProblem.malformed(
                            StatementProblem.COLUMN_MISSING,
                            Where.line(header.line),
                            missing.getFirst().label)
                    .with(
                            "expected",
                            String.join(
                                    ", ",
                                    Column.requiredColumns().stream().map(Column::label).toList()))
                    .with("required", Column.requiredColumns().stream().map(Column::label).toList())
                    .with("missing", missing.stream().map(Column::label).toList())
                    .with("accepted", accepted);
        }
        return found;
    }

    private static StatementProblem twice(Record header, String name) {
        return StatementProblem.malformed(
                StatementProblem.UNREADABLE, Where.cell(header.line, name), "column named twice");
    }

    /**
     * The field of a column, the fields of the reference joined by a space; {@code null} without
     * the column.
     */
    private static String field(Record record, Map<Column, List<Integer>> columns, Column column) {
        List<Integer> fields = columns.get(column);
        if (fields == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int index : fields) {
            String part = record.fields.get(index).strip();
            if (!part.isEmpty()) {
                text.append(text.isEmpty() ? "" : " ").append(part);
            }
        }
        return text.toString();
    }

    /** An account as compared: upper case, without spaces; {@code null} when blank. */
    private static String account(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
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
            if (text.contains("/")) {
                return LocalDate.parse(text, DAY_FIRST);
            }
            if (text.contains(".")) {
                return LocalDate.parse(text, DAY_FIRST_DOTS);
            }
            return text.indexOf('-') == 2
                    ? LocalDate.parse(text, DAY_FIRST_DASHES)
                    : LocalDate.parse(text);
        } catch (DateTimeParseException wrong) {
            throw StatementProblem.invalid(StatementProblem.DATE_INVALID, where, text);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /**
     * A record of the file, the physical line it starts on, and the separator it was split with.
     */
    private record Record(int line, List<String> fields, char separator) {}

    /**
     * Splits the text into records, blank ones left out; the header (the first non-blank line)
     * decides the separator. Each record knows the line it starts on, counted as the file's lines
     * ({@code \n}), blank ones included.
     */
    private static List<Record> records(String text) {
        // one line break, LF: a CRLF is one (inside a quoted field too), a lone CR none
        String plain = text.replace("\r\n", "\n").replace("\r", "");
        Character separator = null;
        for (String line : plain.split("\n")) {
            if (!line.isBlank()) {
                separator = line.indexOf(';') >= 0 ? ';' : line.indexOf('\t') >= 0 ? '\t' : ',';
                break;
            }
        }
        if (separator == null) {
            return List.of();
        }
        CSVFormat format =
                CSVFormat.RFC4180
                        .builder()
                        .setDelimiter(separator)
                        .setIgnoreSurroundingSpaces(true)
                        .setIgnoreEmptyLines(
                                false) // blank lines are records, left out below: every record's
                        // line is exact
                        .get();
        List<Record> records = new ArrayList<>();
        try (CSVParser parser =
                CSVParser.builder().setReader(new StringReader(plain)).setFormat(format).get()) {
            Iterator<CSVRecord> read = parser.iterator();
            while (true) {
                int line =
                        (int) parser.getCurrentLineNumber() + 1; // the line after the last record's
                CSVRecord record;
                try {
                    if (!read.hasNext()) {
                        return records;
                    }
                    record = read.next();
                } catch (UncheckedIOException unreadable) {
                    throw unreadable(
                            unreadable.getCause(), line, (int) parser.getCurrentLineNumber());
                }
                if (!isBlank(record, plain)) {
                    records.add(new Record(line, record.toList(), separator));
                }
            }
        } catch (IOException unreadable) {
            throw unreadable(unreadable, 1, 1); // a StringReader: not expected
        }
    }

    /**
     * A blank line: one field, blank, not quoted (a line {@code ""} is a record of one empty
     * field).
     */
    private static boolean isBlank(CSVRecord record, String text) {
        if (record.size() != 1 || !record.get(0).isBlank()) {
            return false;
        }
        for (int at = (int) record.getCharacterPosition(); at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == '"') {
                return false;
            }
            if (c == '\n' || !Character.isWhitespace(c)) {
                return true;
            }
        }
        return true;
    }

    /**
     * The problem of a file Commons CSV cannot read: a quoted field never closed (at the line its
     * record starts on), or text after a closing quote (at the line where the parser stopped).
     */
    private static StatementProblem unreadable(IOException failure, int recordLine, int stoppedAt) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return StatementProblem.malformed(
                    StatementProblem.UNREADABLE,
                    Where.line(recordLine),
                    "a quoted field is never closed");
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return StatementProblem.malformed(
                    StatementProblem.UNREADABLE,
                    Where.line(Math.max(recordLine, stoppedAt)),
                    "text after a closing quote");
        }
        return StatementProblem.malformed(
                StatementProblem.UNREADABLE, Where.line(recordLine), message);
    }
}
