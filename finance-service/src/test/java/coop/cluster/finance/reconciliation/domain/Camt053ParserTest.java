package coop.cluster.finance.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.finance.ledger.domain.Money;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class Camt053ParserTest {

    private final Camt053Parser parser = new Camt053Parser();

    static byte[] resource(String name) {
        try (InputStream in = Camt053ParserTest.class.getResourceAsStream("/statements/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsAVersion02StatementWithItsBalancesAndBookedEntries() {
        BankStatement statement = parser.parse(resource("camt053-v02-march-2026.xml"));

        assertThat(statement.format()).isEqualTo(StatementFormat.CAMT053);
        assertThat(statement.statementId()).isEqualTo("STMT-2026-03-FR76");
        assertThat(statement.account()).isEqualTo("FR7630006000011234567890189");
        assertThat(statement.currency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(statement.openingBalance()).isEqualTo(Money.of("1000.00", "EUR"));
        assertThat(statement.closingBalance()).isEqualTo(Money.of("1193.16", "EUR"));
        assertThat(statement.from()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(statement.to()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(statement.lines()).hasSize(4).as("the pending entry is left out");
        StatementLine fee = statement.lines().getFirst();
        assertThat(fee.number()).isEqualTo(1);
        assertThat(fee.amount()).isEqualTo(Money.of("250.00", "EUR"));
        assertThat(fee.bookingDate()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(fee.valueDate()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(fee.reference())
                .isEqualTo("Cotisation 2026 fee-invoice:INV-2026-001")
                .as("NOTPROVIDED dropped");
        assertThat(fee.counterparty()).isEqualTo("Atelier Coop SARL");
        assertThat(fee.bankTransactionId()).isEqualTo("BNK-20260302-0001");
        StatementLine expense = statement.lines().get(1);
        assertThat(expense.amount()).isEqualTo(Money.of("-120.00", "EUR"));
        assertThat(expense.reference()).isEqualTo("VIR-2026-117 Facture 2026-117 tenue comptable");
        assertThat(expense.counterparty()).isEqualTo("Cabinet Durand Expertise");
        StatementLine fees = statement.lines().get(3);
        assertThat(fees.reference()).isEqualTo("Frais tenue de compte mars");
        assertThat(fees.counterparty()).isNull();
    }

    @Test
    void readsAVersion08StatementByLocalNames() {
        BankStatement statement = parser.parse(resource("camt053-v08-april-2026.xml"));

        assertThat(statement.statementId()).isEqualTo("STMT-2026-04-FR76");
        assertThat(statement.openingBalance())
                .as("PRCD stands in for OPBD")
                .isEqualTo(Money.of("1193.16", "EUR"));
        assertThat(statement.closingBalance()).isEqualTo(Money.of("2433.16", "EUR"));
        assertThat(statement.from()).as("the day after PRCD's").isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(statement.to()).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(statement.lines())
                .extracting(StatementLine::amount)
                .containsExactly(
                        Money.of("40.00", "EUR"),
                        Money.of("-300.00", "EUR"),
                        Money.of("1500.00", "EUR"));
        assertThat(statement.lines().getFirst().bookingDate()).isEqualTo(LocalDate.of(2026, 4, 3));
        assertThat(statement.lines().getFirst().counterparty()).isEqualTo("Jean Dupont");
        assertThat(statement.lines().getFirst().reference()).isEqualTo("E2E-DON-0412");
        assertThat(statement.lines().get(1).reference()).isEqualTo("RF18539007547034");
        assertThat(statement.lines().get(1).counterparty()).isEqualTo("Imprimerie du Centre");
        assertThat(statement.lines().get(2).reference())
                .isEqualTo("Subvention programme INNOV 2026 avance 1/2");
    }

    @Test
    void refusesADoctypeSoNoEntityIsEverExpanded() {
        String xxe =
                """
                <?xml version="1.0"?>
                <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
                <Id>&xxe;</Id></Stmt></BkToCstmrStmt></Document>\
                """;

        assertRefused(xxe, StatementProblem.UNREADABLE, StatementProblem.Kind.MALFORMED, "XML");
        String billionLaughs =
                """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&lol2;</Document>\
                """;
        assertRefused(
                billionLaughs, StatementProblem.UNREADABLE, StatementProblem.Kind.MALFORMED, "XML");
    }

    @Test
    void refusesXmlThatIsNotWellFormedNamingTheLine() {
        StatementProblem problem =
                refused(
                        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n"
                                + "<BkToCstmrStmt>\n</Document>");

        assertThat(problem.code()).isEqualTo(StatementProblem.UNREADABLE);
        assertThat(problem.where().line()).isEqualTo(3);
    }

    @Test
    void refusesAnotherMessage() {
        assertRefused(
                "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>",
                StatementProblem.UNREADABLE,
                StatementProblem.Kind.MALFORMED,
                "Document");
        assertRefused(
                "<Document/>",
                StatementProblem.UNREADABLE,
                StatementProblem.Kind.MALFORMED,
                "Document");
    }

    @Test
    void namesTheElementOfEachWrongValue() {
        String good = new String(resource("camt053-v02-march-2026.xml"), StandardCharsets.UTF_8);

        assertRefused(
                good.replace("<Amt Ccy=\"EUR\">120.00</Amt>", "<Amt Ccy=\"EUR\">12O.00</Amt>"),
                StatementProblem.AMOUNT_INVALID,
                StatementProblem.Kind.INVALID,
                "Stmt/Ntry[2]/Amt");
        assertRefused(
                good.replace("<Amt Ccy=\"EUR\">120.00</Amt>", "<Amt Ccy=\"EUR\">120.001</Amt>"),
                StatementProblem.AMOUNT_INVALID,
                StatementProblem.Kind.INVALID,
                "Stmt/Ntry[2]/Amt");
        assertRefused(
                good.replace("<Amt Ccy=\"EUR\">120.00</Amt>", "<Amt>120.00</Amt>"),
                StatementProblem.ELEMENT_MISSING,
                StatementProblem.Kind.INVALID,
                "Stmt/Ntry[2]/Amt");
        assertRefused(
                good.replace("<Amt Ccy=\"EUR\">120.00</Amt>", "<Amt Ccy=\"USD\">120.00</Amt>"),
                StatementProblem.CURRENCY_MIXED,
                StatementProblem.Kind.INVALID,
                "Stmt/Ntry[2]/Amt");
        assertRefused(
                good.replace("<Amt Ccy=\"EUR\">120.00</Amt>", "<Amt Ccy=\"EURO\">120.00</Amt>"),
                StatementProblem.CURRENCY_INVALID,
                StatementProblem.Kind.INVALID,
                "Stmt/Ntry[2]/Amt/@Ccy");
        assertRefused(
                good.replace(
                        "<BookgDt><Dt>2026-03-05</Dt></BookgDt>",
                        "<BookgDt><Dt>2026-02-30</Dt></BookgDt>"),
                StatementProblem.DATE_INVALID,
                StatementProblem.Kind.INVALID,
                "Stmt/Ntry[2]/BookgDt/Dt");
        assertRefused(
                good.replace("<BookgDt><Dt>2026-03-05</Dt></BookgDt>", ""),
                StatementProblem.ELEMENT_MISSING,
                StatementProblem.Kind.INVALID,
                "Stmt/Ntry[2]/BookgDt");
        assertRefused(
                good.replaceFirst("<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>DEBIT</CdtDbtInd>"),
                StatementProblem.VALUE_INVALID,
                StatementProblem.Kind.INVALID,
                "Stmt/Ntry[2]/CdtDbtInd");
        assertRefused(
                good.replace("<Cd>CLBD</Cd>", "<Cd>CLAV</Cd>"),
                StatementProblem.ELEMENT_MISSING,
                StatementProblem.Kind.INVALID,
                "Stmt/Bal");
        assertRefused(
                good.replace("<Id>STMT-2026-03-FR76</Id>", "<Id> </Id>"),
                StatementProblem.ELEMENT_MISSING,
                StatementProblem.Kind.INVALID,
                "Stmt/Id");
        assertRefused(
                good.replace("1193.16", "1193.17"),
                StatementProblem.BALANCES_INCONSISTENT,
                StatementProblem.Kind.INVALID,
                "Stmt/Bal");
        assertRefused(
                good.replace("<Stmt>", "<Stmt><Id>X</Id></Stmt><Stmt>"),
                StatementProblem.VALUE_INVALID,
                StatementProblem.Kind.INVALID,
                "BkToCstmrStmt/Stmt");
    }

    @Test
    void readsDatesWithTheTimeZoneOffsetIso20022Allows() {
        BankStatement statement = parser.parse(resource("camt053-v04-ch-chf-april-2017.xml"));

        assertThat(statement.openingBalance()).isEqualTo(Money.of("10000.00", "CHF"));
        assertThat(statement.from()).isEqualTo(LocalDate.of(2017, 4, 1));
        assertThat(statement.to()).as("CLBD 2017-04-30+02:00").isEqualTo(LocalDate.of(2017, 4, 30));
        assertThat(statement.lines())
                .extracting(StatementLine::bookingDate)
                .containsExactly(LocalDate.of(2017, 4, 3), LocalDate.of(2017, 4, 28));
        assertThat(statement.lines().getFirst().reference())
                .isEqualTo("210000000003139471430009017");
        String good = new String(resource("camt053-v02-march-2026.xml"), StandardCharsets.UTF_8);
        assertThat(
                        parser.parse(
                                        good.replace("<Dt>2026-03-31</Dt>", "<Dt>2026-03-31Z</Dt>")
                                                .getBytes(StandardCharsets.UTF_8))
                                .to())
                .isEqualTo(LocalDate.of(2026, 3, 31));
        assertRefused(
                good.replace("<Dt>2026-03-31</Dt>", "<Dt>2026-03-31+25:00</Dt>"),
                StatementProblem.DATE_INVALID,
                StatementProblem.Kind.INVALID,
                "Stmt/Bal[2]/Dt/Dt");
    }

    @Test
    void problemsNameWhatIsWrongInTheFileNotTheParsersSettings() {
        StatementProblem doctype =
                refused(
                        """
                        <?xml version="1.0"?>
                        <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&xxe;</Document>\
                        """);
        StatementProblem deep =
                refused(
                        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
                                + "<a>".repeat(150)
                                + "</Document>");
        StatementProblem attributes =
                refused(
                        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\" "
                                + java.util.stream.IntStream.range(0, 300)
                                        .mapToObj(i -> "a" + i + "='1'")
                                        .collect(java.util.stream.Collectors.joining(" "))
                                + "/>");
        StatementProblem broken =
                refused(
                        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n"
                                + "<BkToCstmrStmt>\n</Document>");

        assertThat(doctype.value()).isEqualTo("a DOCTYPE is not accepted (no DTD, no entities)");
        assertThat(deep.value()).isEqualTo("elements nested deeper than 100");
        assertThat(attributes.value()).isEqualTo("an element with more than 200 attributes");
        assertThat(broken.value()).contains("BkToCstmrStmt");
        for (StatementProblem problem : java.util.List.of(doctype, deep, attributes, broken)) {
            assertThat(problem.value())
                    .doesNotContain("JAXP")
                    .doesNotContain("http")
                    .doesNotContain("jdk.xml")
                    .doesNotContain("jaxp");
        }
    }

    /**
     * Acceptance testing (issue 16) read a Java {@code null} and bare parser words in refusals:
     * "not a camt.053 Document: null" for a file of another kind, "EBCDIC-XX" alone for an encoding
     * the JDK does not have, and the parser's full stop doubled by the detail's.
     */
    @Test
    void refusalsOfAnotherKindOfFileSayWhatTheFileIsInPlainWords() {
        StatementProblem noNamespace = refused("<Document><BkToCstmrStmt/></Document>");
        StatementProblem otherRoot = refused("<Foo/>");
        StatementProblem payment =
                refused("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>");
        StatementProblem encoding =
                refused("<?xml version=\"1.0\" encoding=\"EBCDIC-XX\"?><Document/>");
        StatementProblem prolog = refused("hello");

        assertThat(noNamespace.value())
                .isEqualTo("a Document without a namespace, not a camt.053 one");
        assertThat(otherRoot.value()).isEqualTo("the root element is Foo, not a camt.053 Document");
        assertThat(payment.value())
                .isEqualTo(
                        "a Document of urn:iso:std:iso:20022:tech:xsd:pain.001.001.03, not"
                                + " camt.053");
        assertThat(encoding.value()).isEqualTo("the encoding EBCDIC-XX is not supported");
        assertThat(prolog.value()).isEqualTo("Content is not allowed in prolog");
        for (StatementProblem problem :
                java.util.List.of(noNamespace, otherRoot, payment, encoding, prolog)) {
            assertThat(problem.value()).doesNotContain("null").doesNotEndWith(".");
        }
    }

    @Test
    void refusesAStatementIdLongerThanIso20022Allows() {
        String good = new String(resource("camt053-v02-march-2026.xml"), StandardCharsets.UTF_8);

        assertRefused(
                good.replace("<Id>STMT-2026-03-FR76</Id>", "<Id>" + "S".repeat(5000) + "</Id>"),
                StatementProblem.VALUE_INVALID,
                StatementProblem.Kind.INVALID,
                "Stmt/Id");
        assertRefused(
                good.replace("<Id>STMT-2026-03-FR76</Id>", "<Id>" + "S".repeat(36) + "</Id>"),
                StatementProblem.VALUE_INVALID,
                StatementProblem.Kind.INVALID,
                "Stmt/Id");
        assertThat(
                        parser.parse(
                                        good.replace(
                                                        "<Id>STMT-2026-03-FR76</Id>",
                                                        "<Id>" + "S".repeat(35) + "</Id>")
                                                .getBytes(StandardCharsets.UTF_8))
                                .statementId())
                .hasSize(35);
        assertRefused(
                good.replace("FR7630006000011234567890189", "FR763000600001123456789018900000000"),
                StatementProblem.VALUE_INVALID,
                StatementProblem.Kind.INVALID,
                "Stmt/Acct/Id");
    }

    @Test
    void aPreviousDaysClosingBalanceOpensThePeriodTheNextDay() {
        BankStatement statement = parser.parse(resource("camt053-v08-april-2026.xml"));

        assertThat(statement.from())
                .as("PRCD is the balance at the end of 2026-03-31")
                .isEqualTo(LocalDate.of(2026, 4, 1));
    }

    @Test
    void readsEveryStatementOfAFileNamingEachInItsProblems() {
        byte[] daily = resource("camt053-v02-lt-daily-december-2026.xml");

        java.util.List<BankStatement> statements = parser.parseAll(daily);

        assertThat(statements)
                .extracting(BankStatement::statementId)
                .containsExactly(
                        "LT121000011101001000-20261201",
                        "LT121000011101001000-20261202",
                        "LT121000011101001000-20261203");
        assertThat(statements)
                .extracting(BankStatement::from)
                .containsExactly(
                        LocalDate.of(2026, 12, 1),
                        LocalDate.of(2026, 12, 2),
                        LocalDate.of(2026, 12, 3));
        assertThat(statements.get(1).lines())
                .singleElement()
                .satisfies(line -> assertThat(line.amount()).isEqualTo(Money.of("-230.40", "EUR")));
        assertThat(statements.get(2).lines()).isEmpty();
        assertThat(statements.get(2).closingBalance()).isEqualTo(Money.of("9269.60", "EUR"));
        assertThat(parser.parseAll(resource("camt053-v02-march-2026.xml")))
                .singleElement()
                .satisfies(one -> assertThat(one.statementId()).isEqualTo("STMT-2026-03-FR76"));
        String broken =
                new String(daily, StandardCharsets.UTF_8)
                        .replace("<Amt Ccy=\"EUR\">230.40</Amt>", "<Amt Ccy=\"EUR\">230,40</Amt>");
        assertThatThrownBy(() -> parser.parseAll(broken.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        StatementProblem.class,
                        problem -> {
                            assertThat(problem.code()).isEqualTo(StatementProblem.AMOUNT_INVALID);
                            assertThat(problem.where().element()).isEqualTo("Stmt[2]/Ntry[1]/Amt");
                        });
    }

    @Test
    void givenTheLedgersCurrencyRefusesAStatementInAnother() {
        Camt053Parser euros = new Camt053Parser(java.util.Currency.getInstance("EUR"));

        assertThatThrownBy(() -> euros.parse(resource("camt053-v02-fr-usd-march-2026.xml")))
                .isInstanceOfSatisfying(
                        StatementProblem.class,
                        problem -> {
                            assertThat(problem.code())
                                    .isEqualTo(StatementProblem.CURRENCY_UNSUPPORTED);
                            assertThat(problem.where().element()).isEqualTo("Stmt/Acct/Ccy");
                            assertThat(problem.value()).isEqualTo("USD");
                            assertThat(problem.properties()).containsEntry("expected", "EUR");
                        });
        assertThatThrownBy(() -> euros.parse(resource("camt053-v04-ch-chf-april-2017.xml")))
                .isInstanceOfSatisfying(
                        StatementProblem.class,
                        problem -> assertThat(problem.value()).isEqualTo("CHF"));
        String noAccountCurrency =
                new String(resource("camt053-v02-fr-usd-march-2026.xml"), StandardCharsets.UTF_8)
                        .replace("<Ccy>USD</Ccy>", "");
        assertThatThrownBy(() -> euros.parse(noAccountCurrency.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        StatementProblem.class,
                        problem -> {
                            assertThat(problem.code())
                                    .isEqualTo(StatementProblem.CURRENCY_UNSUPPORTED);
                            assertThat(problem.where().element()).isEqualTo("Stmt/Bal[1]/Amt/@Ccy");
                        });
        assertThat(euros.parse(resource("camt053-v02-march-2026.xml")).currency().getCurrencyCode())
                .isEqualTo("EUR");
    }

    @Test
    void aBatchedBookingKeepsTheReferencesOfEachOfItsTransactions() {
        BankStatement statement = parser.parse(resource("camt053-v02-be-batch-october-2026.xml"));

        StatementLine batch = statement.lines().getFirst();
        assertThat(batch.amount()).isEqualTo(Money.of("3483.00", "EUR"));
        assertThat(batch.reference()).contains("090933755493").contains("FAC-2026-0157");
    }

    @Test
    void theSameStatementDownloadedAgainSaysTheSame() {
        String original =
                new String(resource("camt053-v02-nl-february-2027.xml"), StandardCharsets.UTF_8);
        String again =
                original.replace("053D2027030106004710001", "053D2027031514220930001")
                        .replace("2027-03-01T06:00:47.103+01:00", "2027-03-15T14:22:09.930+01:00")
                        .replace("\n", "\r\n");

        assertThat(parser.parse(again.getBytes(StandardCharsets.UTF_8)).canonical())
                .isEqualTo(parser.parse(original.getBytes(StandardCharsets.UTF_8)).canonical());
        assertThat(
                        parser.parse(
                                        original.replace("Factuur 7700123", "Factuur 7700124")
                                                .getBytes(StandardCharsets.UTF_8))
                                .canonical())
                .isNotEqualTo(parser.parse(original.getBytes(StandardCharsets.UTF_8)).canonical());
    }

    private StatementProblem refused(String xml) {
        try {
            parser.parse(xml.getBytes(StandardCharsets.UTF_8));
        } catch (StatementProblem problem) {
            return problem;
        }
        throw new AssertionError("accepted: " + xml);
    }

    private void assertRefused(
            String xml, String code, StatementProblem.Kind kind, String element) {
        assertThatThrownBy(() -> parser.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        StatementProblem.class,
                        problem -> {
                            assertThat(problem.code()).as(problem.getMessage()).isEqualTo(code);
                            assertThat(problem.kind()).isEqualTo(kind);
                            assertThat(problem.where().element()).isEqualTo(element);
                        });
    }
}
