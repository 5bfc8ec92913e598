package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.reconciliation.domain.StatementProblem.Where;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * Reads an ISO 20022 camt.053 BankToCustomerStatement, of any version ({@code camt.053.001.02} to {@code .13}):
 * elements are found by their local names, so the namespaces of the versions do not matter, only that the root
 * {@code Document} is in a {@code camt.053} namespace.
 *
 * <p>Read: one {@code Stmt} per file, its {@code Id}, the account ({@code Acct/Id/IBAN} or {@code Acct/Id/Othr/Id})
 * and {@code Acct/Ccy}; the balances {@code Bal} typed {@code OPBD} (else {@code PRCD}) and {@code CLBD} (required),
 * each with {@code Amt/@Ccy}, {@code CdtDbtInd} and {@code Dt/Dt} or {@code Dt/DtTm}; {@code FrToDt} when given;
 * each booked {@code Ntry} (status {@code BOOK} in the .02 text or .08 {@code Cd} form, or none): {@code Amt/@Ccy},
 * {@code CdtDbtInd} ({@code DBIT} makes the amount negative), {@code BookgDt} (required), {@code ValDt},
 * {@code AcctSvcrRef}, the remittance text ({@code RmtInf/Ustrd}, {@code RmtInf/Strd/CdtrRefInf/Ref}, the
 * end-to-end id, {@code AddtlNtryInf}) and the counterparty's name (the debtor's for money in, the creditor's for
 * money out; {@code Nm} directly under the party (.02) or under {@code Pty} (.08)).
 *
 * <p>Safe against hostile XML: no DTD at all (so no entity expansion, no external entities), no external schema or
 * stylesheet access, no XInclude, secure processing on.
 */
public final class Camt053Parser {

    private static final Pattern NAMESPACE = Pattern.compile("urn:iso:std:iso:20022:tech:xsd:camt\\.053\\.001\\.\\d{2}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,18}(\\.\\d{1,5})?");

    public BankStatement parse(byte[] content) {
        Document document = read(content);
        Element root = document.getDocumentElement();
        if (!"Document".equals(root.getLocalName()) || root.getNamespaceURI() == null
                || !NAMESPACE.matcher(root.getNamespaceURI()).matches()) {
            throw StatementProblem.malformed(StatementProblem.UNREADABLE, Where.element(root.getLocalName()),
                    "not a camt.053 Document: " + root.getNamespaceURI());
        }
        Element message = only(root, "BkToCstmrStmt", "Document");
        List<Element> statements = children(message, "Stmt");
        if (statements.size() != 1) {
            throw StatementProblem.invalid(statements.isEmpty() ? StatementProblem.ELEMENT_MISSING
                    : StatementProblem.VALUE_INVALID, Where.element("BkToCstmrStmt/Stmt"),
                    statements.size() + " statements; one per file");
        }
        Element stmt = statements.getFirst();
        String statementId = text(only(stmt, "Id", "Stmt"), "Stmt/Id");
        Element account = only(stmt, "Acct", "Stmt");
        String iban = account(account);
        Element accountCurrency = first(account, "Ccy");
        Currency currency = accountCurrency == null ? null
                : StatementChecks.currency(accountCurrency.getTextContent(), Where.element("Stmt/Acct/Ccy"));

        Balance opening = null;
        Balance previous = null;
        Balance closing = null;
        List<Element> balances = children(stmt, "Bal");
        for (int i = 0; i < balances.size(); i++) {
            String path = "Stmt/Bal[" + (i + 1) + "]";
            Element bal = balances.get(i);
            Element type = only(only(bal, "Tp", path), "CdOrPrtry", path + "/Tp");
            Element code = first(type, "Cd");
            String kind = code == null ? "" : code.getTextContent().strip();
            if (kind.equals("OPBD") || kind.equals("PRCD") || kind.equals("CLBD")) {
                Balance balance = balance(bal, path);
                if (currency == null) {
                    currency = balance.amount.currency();
                }
                switch (kind) {
                    case "OPBD" -> opening = balance;
                    case "PRCD" -> previous = balance;
                    default -> closing = balance;
                }
            }
        }
        if (closing == null) {
            throw StatementProblem.invalid(StatementProblem.ELEMENT_MISSING, Where.element("Stmt/Bal"),
                    "CLBD");
        }
        if (opening == null) {
            opening = previous;
        }
        requireCurrency(closing.amount, currency, "Stmt/Bal (CLBD)/Amt");
        if (opening != null) {
            requireCurrency(opening.amount, currency, "Stmt/Bal (OPBD)/Amt");
        }

        List<StatementLine> lines = new ArrayList<>();
        List<Element> entries = children(stmt, "Ntry");
        if (entries.size() > StatementChecks.MAX_LINES) {
            throw StatementProblem.invalid(StatementProblem.TOO_MANY_LINES, Where.element("Stmt/Ntry"),
                    Integer.toString(StatementChecks.MAX_LINES));
        }
        for (int i = 0; i < entries.size(); i++) {
            String path = "Stmt/Ntry[" + (i + 1) + "]";
            Element entry = entries.get(i);
            if (!booked(entry)) {
                continue;
            }
            Money amount = signedAmount(entry, path);
            requireCurrency(amount, currency, path + "/Amt");
            LocalDate booking = date(only(entry, "BookgDt", path), path + "/BookgDt");
            Element valueDate = first(entry, "ValDt");
            LocalDate value = valueDate == null ? null : date(valueDate, path + "/ValDt");
            lines.add(new StatementLine(lines.size() + 1, booking, value, amount, remittance(entry),
                    counterparty(entry, amount.isNegative()), bankReference(entry)));
        }

        LocalDate from = null;
        LocalDate to = closing.date;
        Element period = first(stmt, "FrToDt");
        if (period != null) {
            from = dateTime(only(period, "FrDtTm", "Stmt/FrToDt"), "Stmt/FrToDt/FrDtTm");
        }
        if (from == null) {
            from = opening != null ? opening.date : StatementChecks.earliest(lines, to);
        }
        StatementChecks.balancesAddUp(opening == null ? null : opening.amount, lines, closing.amount,
                Where.element("Stmt/Bal"));
        return new BankStatement(StatementFormat.CAMT053, statementId, iban, currency,
                opening == null ? null : opening.amount, closing.amount, from.isAfter(to) ? to : from, to, lines);
    }

    private record Balance(Money amount, LocalDate date) {
    }

    private static Document read(byte[] content) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException exception) {
                }

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
            throw StatementProblem.malformed(StatementProblem.UNREADABLE,
                    new Where(unreadable.getLineNumber(), null, "XML"), unreadable.getMessage());
        } catch (SAXException | IOException unreadable) {
            throw StatementProblem.malformed(StatementProblem.UNREADABLE, Where.element("XML"),
                    unreadable.getMessage());
        } catch (ParserConfigurationException impossible) {
            throw new IllegalStateException("the JDK's XML parser cannot be made safe", impossible);
        }
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
            throw StatementProblem.invalid(StatementProblem.AMOUNT_INVALID, Where.element(path + "/Amt"), text);
        }
        if (!amt.hasAttribute("Ccy")) {
            throw StatementProblem.invalid(StatementProblem.ELEMENT_MISSING, Where.element(path + "/Amt"), "@Ccy");
        }
        Currency currency = StatementChecks.currency(amt.getAttribute("Ccy"), Where.element(path + "/Amt/@Ccy"));
        String indicator = text(only(parent, "CdtDbtInd", path), path + "/CdtDbtInd");
        BigDecimal value = new BigDecimal(text);
        switch (indicator) {
            case "CRDT" -> { }
            case "DBIT" -> value = value.negate();
            default -> throw StatementProblem.invalid(StatementProblem.VALUE_INVALID,
                    Where.element(path + "/CdtDbtInd"), indicator);
        }
        return StatementChecks.money(value, currency, Where.element(path + "/Amt"), text);
    }

    private static void requireCurrency(Money amount, Currency currency, String path) {
        if (!amount.currency().equals(currency)) {
            throw StatementProblem.invalid(StatementProblem.CURRENCY_MIXED, Where.element(path),
                    amount.currency().getCurrencyCode() + " ≠ " + currency.getCurrencyCode());
        }
    }

    /** {@code Dt} or {@code DtTm} inside a date element such as {@code BookgDt}. */
    private static LocalDate date(Element holder, String path) {
        Element day = first(holder, "Dt");
        if (day != null) {
            String text = day.getTextContent().strip();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException wrong) {
                throw StatementProblem.invalid(StatementProblem.DATE_INVALID, Where.element(path + "/Dt"), text);
            }
        }
        Element time = first(holder, "DtTm");
        if (time == null) {
            throw StatementProblem.invalid(StatementProblem.ELEMENT_MISSING, Where.element(path), "Dt | DtTm");
        }
        return dateTime(time, path + "/DtTm");
    }

    private static LocalDate dateTime(Element element, String path) {
        String text = element.getTextContent().strip();
        try {
            return OffsetDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return java.time.LocalDateTime.parse(text).toLocalDate();
            } catch (DateTimeParseException wrong) {
                throw StatementProblem.invalid(StatementProblem.DATE_INVALID, Where.element(path), text);
            }
        }
    }

    private static String account(Element account) {
        Element id = only(account, "Id", "Stmt/Acct");
        Element iban = first(id, "IBAN");
        if (iban != null) {
            return iban.getTextContent().strip();
        }
        Element other = first(id, "Othr");
        Element otherId = other == null ? null : first(other, "Id");
        if (otherId == null) {
            throw StatementProblem.invalid(StatementProblem.ELEMENT_MISSING, Where.element("Stmt/Acct/Id"),
                    "IBAN | Othr/Id");
        }
        return otherId.getTextContent().strip();
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
        return reference == null || reference.getTextContent().isBlank() ? null
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
            throw StatementProblem.invalid(StatementProblem.ELEMENT_MISSING, Where.element(path), "empty");
        }
        return text;
    }

    private static Element only(Element parent, String name, String parentPath) {
        Element found = first(parent, name);
        if (found == null) {
            throw StatementProblem.invalid(StatementProblem.ELEMENT_MISSING, Where.element(parentPath + "/" + name),
                    name);
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
