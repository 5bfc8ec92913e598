package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.reconciliation.domain.StatementProblem.Where;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads an ISO 20022 camt.053 BankToCustomerStatement, of any version ({@code camt.053.001.02} to
 * {@code .13}): elements are found by their local names, so the namespaces of the versions do not
 * matter, only that the root {@code Document} is in a {@code camt.053} namespace.
 *
 * <p>Read: every {@code Stmt} of the message ({@link #parseAll}; banks export several days or
 * months in one file), each with its {@code Id} (1 to 35 characters, ISO 20022 {@code Max35Text}),
 * the account ({@code Acct/Id/IBAN} or {@code Acct/Id/Othr/Id}, at most 34 characters) and {@code
 * Acct/Ccy}; the balances {@code Bal} typed {@code OPBD} (else {@code PRCD}, the balance at the end
 * of the day before) and {@code CLBD} (required), each with {@code Amt/@Ccy}, {@code CdtDbtInd} and
 * {@code Dt/Dt} or {@code Dt/DtTm}; {@code FrToDt} when given; each booked {@code Ntry} (status
 * {@code BOOK} in the .02 text or .08 {@code Cd} form, or none): {@code Amt/@Ccy}, {@code
 * CdtDbtInd} ({@code DBIT} makes the amount negative), {@code BookgDt} (required), {@code ValDt},
 * {@code AcctSvcrRef}, the remittance text of each of its transactions ({@code RmtInf/Ustrd},
 * {@code RmtInf/Strd/CdtrRefInf/Ref}, the end-to-end id, {@code AddtlTxInf}), {@code AddtlNtryInf}
 * and the counterparty's name (the debtor's for money in, the creditor's for money out; {@code Nm}
 * directly under the party (.02) or under {@code Pty} (.08)).
 *
 * <p>Dates are ISO 8601 as ISO 20022 has them: a date may carry a time-zone offset ({@code
 * 2017-04-01+02:00}, {@code 2017-04-01Z}), a date-time may or may not ({@code
 * 2026-04-30T23:59:59+02:00}); either is the day it names, as written.
 *
 * <p>Given the ledger's currency, a statement in another currency is refused ({@link
 * StatementProblem#CURRENCY_UNSUPPORTED}) where its currency is first given.
 *
 * <p>Safe against hostile XML: no DTD at all (so no entity expansion, no external entities), no
 * external schema or stylesheet access, no XInclude, secure processing on (with the JDK's limits on
 * depth, names and attributes). A refusal says what is wrong in the file in plain words, never the
 * parser's settings.
 */
public final class Camt053Parser {

    private static final Pattern NAMESPACE =
            Pattern.compile("urn:iso:std:iso:20022:tech:xsd:camt\\.053\\.001\\.\\d{2}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,18}(\\.\\d{1,5})?");

    /** ISO 20022 {@code Max35Text}: a statement's {@code Id}. */
    public static final int MAX_ID_LENGTH = 35;

    /** An IBAN, or an {@code Othr/Id} ({@code Max34Text}). */
    public static final int MAX_ACCOUNT_LENGTH = 34;

    private static final Pattern JAXP_LIMIT = Pattern.compile("JAXP(\\d{8})");
    private static final Pattern LIMIT =
            Pattern.compile("limit \"([\\d,.]+)\"|\"([\\d,.]+)\" (?:is the )?limit");

    private final Currency ledgerCurrency;

    /** A parser that reads statements in any currency. */
    public Camt053Parser() {
        this(null);
    }

    /**
     * @param ledgerCurrency the only currency a statement may be in; {@code null} for any
     */
    public Camt053Parser(Currency ledgerCurrency) {
        this.ledgerCurrency = ledgerCurrency;
    }

    /** Reads a file that holds exactly one statement. */
    public BankStatement parse(byte[] content) {
        List<Element> statements = statements(content);
        if (statements.size() != 1) {
            throw StatementProblem.invalid(
                    StatementProblem.VALUE_INVALID,
                    Where.element("BkToCstmrStmt/Stmt"),
                    statements.size() + " statements; one expected");
        }
        return statement(statements.getFirst(), "Stmt", new int[1]);
    }

    /**
     * Reads every statement of a file, in the file's order; a file with a statement that cannot be
     * read is refused whole. Element paths name the statement ({@code Stmt[2]/Ntry[3]/Amt}) when
     * there are several.
     */
    public List<BankStatement> parseAll(byte[] content) {
        List<Element> statements = statements(content);
        int[] lines = new int[1];
        List<BankStatement> read = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            read.add(
                    statement(
                            statements.get(i),
                            statements.size() == 1 ? "Stmt" : "Stmt[" + (i + 1) + "]",
                            lines));
        }
        return read;
    }

    private static List<Element> statements(byte[] content) {
        Document document = read(content);
        Element root = document.getDocumentElement();
        String namespace = root.getNamespaceURI();
        if (!"Document".equals(root.getLocalName())
                || namespace == null
                || !NAMESPACE.matcher(namespace).matches()) {
            throw StatementProblem.malformed(
                    StatementProblem.UNREADABLE,
                    Where.element(root.getLocalName()),
                    notAStatement(root.getLocalName(), namespace));
        }
        Element message = only(root, "BkToCstmrStmt", "Document");
        List<Element> statements = children(message, "Stmt");
        if (statements.isEmpty()) {
            throw StatementProblem.invalid(
                    StatementProblem.ELEMENT_MISSING, Where.element("BkToCstmrStmt/Stmt"), "Stmt");
        }
        return statements;
    }

    /**
     * One statement.
     *
     * @param at its path: {@code Stmt}, or {@code Stmt[n]} in a file of several
     * @param linesRead the lines read so far in the file, for the limit on the whole file
     */
    private BankStatement statement(Element stmt, String at, int[] linesRead) {
        String statementId = text(only(stmt, "Id", at), at + "/Id");
        if (statementId.length() > MAX_ID_LENGTH) {
            throw StatementProblem.invalid(
                    StatementProblem.VALUE_INVALID,
                    Where.element(at + "/Id"),
                    statementId.length() + " characters; at most " + MAX_ID_LENGTH);
        }
        Element account = only(stmt, "Acct", at);
        String iban = account(account, at);
        Element accountCurrency = first(account, "Ccy");
        Currency currency =
                accountCurrency == null
                        ? null
                        : supported(
                                StatementChecks.currency(
                                        accountCurrency.getTextContent(),
                                        Where.element(at + "/Acct/Ccy")),
                                Where.element(at + "/Acct/Ccy"));

        Balance opening = null;
        Balance previous = null;
        Balance closing = null;
        List<Element> balances = children(stmt, "Bal");
        for (int i = 0; i < balances.size(); i++) {
            String path = at + "/Bal[" + (i + 1) + "]";
            Element bal = balances.get(i);
            Element type = only(only(bal, "Tp", path), "CdOrPrtry", path + "/Tp");
            Element code = first(type, "Cd");
            String kind = code == null ? "" : code.getTextContent().strip();
            if (kind.equals("OPBD") || kind.equals("PRCD") || kind.equals("CLBD")) {
                Balance balance = balance(bal, path);
                if (currency == null) {
                    currency =
                            supported(balance.amount.currency(), Where.element(path + "/Amt/@Ccy"));
                }
                switch (kind) {
                    case "OPBD" -> opening = balance;
                    case "PRCD" -> previous = balance;
                    default -> closing = balance;
                }
            }
        }
        if (closing == null) {
            throw StatementProblem.invalid(
                    StatementProblem.ELEMENT_MISSING, Where.element(at + "/Bal"), "CLBD");
        }
        // PRCD is the balance at the end of its day: the statement's period starts the day after
        LocalDate openingDay =
                opening != null
                        ? opening.date
                        : previous != null ? previous.date.plusDays(1) : null;
        if (opening == null) {
            opening = previous;
        }
        requireCurrency(closing.amount, currency, at + "/Bal (CLBD)/Amt");
        if (opening != null) {
            requireCurrency(opening.amount, currency, at + "/Bal (OPBD)/Amt");
        }

        List<StatementLine> lines = new ArrayList<>();
        List<Element> entries = children(stmt, "Ntry");
        linesRead[0] += entries.size();
        if (linesRead[0] > StatementChecks.MAX_LINES) {
            throw StatementProblem.invalid(
                    StatementProblem.TOO_MANY_LINES,
                    Where.element(at + "/Ntry"),
                    Integer.toString(StatementChecks.MAX_LINES));
        }
        for (int i = 0; i < entries.size(); i++) {
            String path = at + "/Ntry[" + (i + 1) + "]";
            Element entry = entries.get(i);
            if (!booked(entry)) {
                continue;
            }
            Money amount = signedAmount(entry, path);
            requireCurrency(amount, currency, path + "/Amt");
            LocalDate booking = date(only(entry, "BookgDt", path), path + "/BookgDt");
            Element valueDate = first(entry, "ValDt");
            LocalDate value = valueDate == null ? null : date(valueDate, path + "/ValDt");
            lines.add(
                    new StatementLine(
                            lines.size() + 1,
                            booking,
                            value,
                            amount,
                            remittance(entry),
                            counterparty(entry, amount.isNegative()),
                            bankReference(entry)));
        }

        LocalDate from = null;
        LocalDate to = closing.date;
        Element period = first(stmt, "FrToDt");
        if (period != null) {
            from = dateTime(only(period, "FrDtTm", at + "/FrToDt"), at + "/FrToDt/FrDtTm");
        }
        if (from == null) {
            from = openingDay != null ? openingDay : StatementChecks.earliest(lines, to);
        }
        StatementChecks.balancesAddUp(
                opening == null ? null : opening.amount,
                lines,
                closing.amount,
                Where.element(at + "/Bal"));
        return new BankStatement(
                StatementFormat.CAMT053,
                statementId,
                iban,
                currency,
                opening == null ? null : opening.amount,
                closing.amount,
                from.isAfter(to) ? to : from,
                to,
                lines);
    }

    private record Balance(Money amount, LocalDate date) {}

    /** The statement's currency, if the ledger keeps it. */
    private Currency supported(Currency currency, Where where) {
        if (ledgerCurrency != null && !ledgerCurrency.equals(currency)) {
            throw StatementProblem.invalid(
                            StatementProblem.CURRENCY_UNSUPPORTED,
                            where,
                            currency.getCurrencyCode())
                    .with("expected", ledgerCurrency.getCurrencyCode());
        }
        return currency;
    }

    private static Document read(byte[] content) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(
                    "http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(
                    new ErrorHandler() {
                        @Override
                        public void warning(SAXParseException exception) {}

                        @Override
                        public void error(SAXParseException exception) throws SAXException {
                            throw exception;
                        }

                        @Override
                        public void fatalError(SAXParseException exception) throws SAXException {
                            throw exception;
                        }
                    });
            return builder.parse(new ByteArrayInputStream(content));
        } catch (SAXParseException unreadable) {
            throw StatementProblem.malformed(
                    StatementProblem.UNREADABLE,
                    new Where(unreadable.getLineNumber(), null, "XML"),
                    plainly(unreadable.getMessage()));
        } catch (java.io.UnsupportedEncodingException encoding) {
            throw StatementProblem.malformed(
                    StatementProblem.UNREADABLE,
                    Where.element("XML"),
                    "the encoding " + encoding.getMessage() + " is not supported");
        } catch (SAXException | IOException unreadable) {
            throw StatementProblem.malformed(
                    StatementProblem.UNREADABLE,
                    Where.element("XML"),
                    plainly(unreadable.getMessage()));
        } catch (ParserConfigurationException impossible) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe", impossible);
        }
    }

    /**
     * Why a well-formed file whose root is {@code name} in {@code namespace} is no camt.053, in
     * plain words (a problem's value is at most 80 characters: the namespace expected, {@code
     * ...camt.053.001.nn}, is in the docs).
     */
    private static String notAStatement(String name, String namespace) {
        if (!"Document".equals(name)) {
            return "the root element is " + name + ", not a camt.053 Document";
        }
        if (namespace == null) {
            return "a Document without a namespace, not a camt.053 one";
        }
        return "a Document of " + namespace + ", not camt.053";
    }

    /**
     * What the parser found wrong, in plain words: the file's own mistakes as the parser words
     * them, the refusals of its safety settings as what they refuse, never the settings' names,
     * property names or message codes.
     */
    static String plainly(String message) {
        String text = message == null ? "" : message;
        if (text.contains("DOCTYPE") || text.contains("doctype")) {
            return "a DOCTYPE is not accepted (no DTD, no entities)";
        }
        Matcher code = JAXP_LIMIT.matcher(text);
        if (code.find()) {
            Matcher number = LIMIT.matcher(text);
            String limit =
                    !number.find()
                            ? null
                            : number.group(1) != null ? number.group(1) : number.group(2);
            return switch (limit == null ? "" : code.group(1)) {
                case "00010002" -> "an element with more than " + limit + " attributes";
                case "00010005" -> "a name or text longer than " + limit + " characters";
                case "00010006" -> "elements nested deeper than " + limit;
                default ->
                        "beyond a limit of the safe XML reading (too large, too deep or too many"
                                + " entities)";
            };
        }
        String plain =
                text.replaceAll("\\S*://\\S*", "")
                        .replaceAll("\"?(jdk|javax|jaxp)\\.[\\w.]+\"?", "")
                        .replaceAll("\\s+", " ")
                        .strip();
        // the detail ends the sentence itself: the parser's own full stop would double it
        plain = plain.replaceAll("[.\\s]+$", "");
        return plain.isEmpty() ? "not well-formed XML" : plain;
    }

    private static boolean booked(Element entry) {
        Element status = first(entry, "Sts");
        if (status == null) {
            return true;
        }
        Element code = first(status, "Cd");
        String value = (code != null ? code.getTextContent() : status.getTextContent()).strip();
        return value.equals("BOOK");
    }

    private static Balance balance(Element bal, String path) {
        Money amount = signedAmount(bal, path);
        return new Balance(amount, date(only(bal, "Dt", path), path + "/Dt"));
    }

    /** {@code Amt} with its {@code Ccy}, negative when {@code CdtDbtInd} is {@code DBIT}. */
    private static Money signedAmount(Element parent, String path) {
        Element amt = only(parent, "Amt", path);
        String text = amt.getTextContent().strip();
        if (!AMOUNT.matcher(text).matches()) {
            throw StatementProblem.invalid(
                    StatementProblem.AMOUNT_INVALID, Where.element(path + "/Amt"), text);
        }
        if (!amt.hasAttribute("Ccy")) {
            throw StatementProblem.invalid(
                    StatementProblem.ELEMENT_MISSING, Where.element(path + "/Amt"), "@Ccy");
        }
        Currency currency =
                StatementChecks.currency(
                        amt.getAttribute("Ccy"), Where.element(path + "/Amt/@Ccy"));
        String indicator = text(only(parent, "CdtDbtInd", path), path + "/CdtDbtInd");
        BigDecimal value = new BigDecimal(text);
        switch (indicator) {
            case "CRDT" -> {}
            case "DBIT" -> value = value.negate();
            default ->
                    throw StatementProblem.invalid(
                            StatementProblem.VALUE_INVALID,
                            Where.element(path + "/CdtDbtInd"),
                            indicator);
        }
        return StatementChecks.money(value, currency, Where.element(path + "/Amt"), text);
    }

    private static void requireCurrency(Money amount, Currency currency, String path) {
        if (!amount.currency().equals(currency)) {
            throw StatementProblem.invalid(
                    StatementProblem.CURRENCY_MIXED,
                    Where.element(path),
                    amount.currency().getCurrencyCode() + " ≠ " + currency.getCurrencyCode());
        }
    }

    /**
     * {@code Dt} or {@code DtTm} inside a date element such as {@code BookgDt}: the day written,
     * with or without a time-zone offset ({@code 2017-04-01+02:00} is 1 April 2017).
     */
    private static LocalDate date(Element holder, String path) {
        Element day = first(holder, "Dt");
        if (day != null) {
            String text = day.getTextContent().strip();
            try {
                return LocalDate.parse(text, DateTimeFormatter.ISO_DATE);
            } catch (DateTimeParseException wrong) {
                throw StatementProblem.invalid(
                        StatementProblem.DATE_INVALID, Where.element(path + "/Dt"), text);
            }
        }
        Element time = first(holder, "DtTm");
        if (time == null) {
            throw StatementProblem.invalid(
                    StatementProblem.ELEMENT_MISSING, Where.element(path), "Dt | DtTm");
        }
        return dateTime(time, path + "/DtTm");
    }

    private static LocalDate dateTime(Element element, String path) {
        String text = element.getTextContent().strip();
        try {
            return OffsetDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toLocalDate();
            } catch (DateTimeParseException wrong) {
                throw StatementProblem.invalid(
                        StatementProblem.DATE_INVALID, Where.element(path), text);
            }
        }
    }

    /** The account's IBAN (upper case, without spaces) or other id. */
    private static String account(Element account, String at) {
        Element id = only(account, "Id", at + "/Acct");
        Element iban = first(id, "IBAN");
        String value;
        if (iban != null) {
            value = iban.getTextContent().replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        } else {
            Element other = first(id, "Othr");
            Element otherId = other == null ? null : first(other, "Id");
            if (otherId == null) {
                throw StatementProblem.invalid(
                        StatementProblem.ELEMENT_MISSING,
                        Where.element(at + "/Acct/Id"),
                        "IBAN | Othr/Id");
            }
            value = otherId.getTextContent().strip();
        }
        if (value.isEmpty()) {
            throw StatementProblem.invalid(
                    StatementProblem.ELEMENT_MISSING, Where.element(at + "/Acct/Id"), "empty");
        }
        if (value.length() > MAX_ACCOUNT_LENGTH) {
            throw StatementProblem.invalid(
                    StatementProblem.VALUE_INVALID,
                    Where.element(at + "/Acct/Id"),
                    value.length() + " characters; at most " + MAX_ACCOUNT_LENGTH);
        }
        return value;
    }

    private static String remittance(Element entry) {
        Set<String> parts = new LinkedHashSet<>();
        for (Element details : children(entry, "NtryDtls")) {
            for (Element tx : children(details, "TxDtls")) {
                Element refs = first(tx, "Refs");
                if (refs != null) {
                    addText(parts, first(refs, "EndToEndId"));
                }
                Element remittance = first(tx, "RmtInf");
                if (remittance != null) {
                    children(remittance, "Ustrd").forEach(text -> addText(parts, text));
                    for (Element structured : children(remittance, "Strd")) {
                        Element creditorRef = first(structured, "CdtrRefInf");
                        if (creditorRef != null) {
                            addText(parts, first(creditorRef, "Ref"));
                        }
                    }
                }
                addText(parts, first(tx, "AddtlTxInf"));
            }
        }
        addText(parts, first(entry, "AddtlNtryInf"));
        parts.remove("NOTPROVIDED");
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static String counterparty(Element entry, boolean moneyOut) {
        for (Element details : children(entry, "NtryDtls")) {
            for (Element tx : children(details, "TxDtls")) {
                Element parties = first(tx, "RltdPties");
                if (parties == null) {
                    continue;
                }
                Element party = first(parties, moneyOut ? "Cdtr" : "Dbtr");
                if (party == null) {
                    continue;
                }
                Element name = first(party, "Nm");
                if (name == null) {
                    Element pty = first(party, "Pty");
                    name = pty == null ? null : first(pty, "Nm");
                }
                if (name != null && !name.getTextContent().isBlank()) {
                    return name.getTextContent().strip();
                }
            }
        }
        return null;
    }

    private static String bankReference(Element entry) {
        Element reference = first(entry, "AcctSvcrRef");
        if (reference == null) {
            for (Element details : children(entry, "NtryDtls")) {
                for (Element tx : children(details, "TxDtls")) {
                    Element refs = first(tx, "Refs");
                    reference = refs == null ? null : first(refs, "AcctSvcrRef");
                    if (reference != null) {
                        break;
                    }
                }
            }
        }
        return reference == null || reference.getTextContent().isBlank()
                ? null
                : reference.getTextContent().strip();
    }

    private static void addText(Set<String> parts, Element element) {
        if (element != null && !element.getTextContent().isBlank()) {
            parts.add(element.getTextContent().strip().replaceAll("\\s+", " "));
        }
    }

    private static String text(Element element, String path) {
        String text = element.getTextContent().strip();
        if (text.isEmpty()) {
            throw StatementProblem.invalid(
                    StatementProblem.ELEMENT_MISSING, Where.element(path), "empty");
        }
        return text;
    }

    private static Element only(Element parent, String name, String parentPath) {
        Element found = first(parent, name);
        if (found == null) {
            throw StatementProblem.invalid(
                    StatementProblem.ELEMENT_MISSING, Where.element(parentPath + "/" + name), name);
        }
        return found;
    }

    private static Element first(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}
