package coop.cluster.finance.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.finance.ledger.domain.Money;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CsvStatementParserTest {

    private final CsvStatementParser parser = new CsvStatementParser();

    private static CsvStatementParser.Options balances(String opening, String closing) {
        return new CsvStatementParser.Options(
                "CSV-2026-05",
                "FR7630006000011234567890189",
                opening == null ? null : new BigDecimal(opening),
                closing == null ? null : new BigDecimal(closing),
                null);
    }

    @Test
    void readsTheCommaFormatWithQuotedFields() {
        String csv =
                """
                date,amount,currency,reference,counterparty,bank transaction id
                2026-05-02,250.00,EUR,"Fee INV-7, May",Atelier Coop,TX-1
                2026-05-04,-12.5,EUR,"Says ""hello""
                over two lines",,TX-2

                2026-05-06,+1.00,EUR,,Bank,
                """;

        BankStatement statement =
                parser.parse(bytes("\uFEFF" + csv), null, balances("100.00", "338.50"));

        assertThat(statement.format()).isEqualTo(StatementFormat.CSV);
        assertThat(statement.statementId()).isEqualTo("CSV-2026-05");
        assertThat(statement.openingBalance()).isEqualTo(Money.of("100.00", "EUR"));
        assertThat(statement.closingBalance()).isEqualTo(Money.of("338.50", "EUR"));
        assertThat(statement.from()).isEqualTo(LocalDate.of(2026, 5, 2));
        assertThat(statement.to())
                .isEqualTo(LocalDate.of(2026, 5, 6))
                .as("the last line's date by default");
        assertThat(statement.lines()).hasSize(3);
        assertThat(statement.lines().getFirst().reference()).isEqualTo("Fee INV-7, May");
        assertThat(statement.lines().getFirst().bankTransactionId()).isEqualTo("TX-1");
        assertThat(statement.lines().get(1).amount()).isEqualTo(Money.of("-12.50", "EUR"));
        assertThat(statement.lines().get(1).reference())
                .isEqualTo("Says \"hello\"\nover two lines");
        assertThat(statement.lines().get(1).counterparty()).isNull();
        assertThat(statement.lines().get(2).number()).isEqualTo(3);
        assertThat(statement.lines().get(2).bankTransactionId()).isNull();
    }

    @Test
    void readsTheFrenchFormatWithSemicolonsDecimalCommasAndDayFirstDates() {
        String csv =
                "Date;Montant;Devise;Libellé;Contrepartie;Date valeur\r\n"
                        + "02/05/2026;1 234,56;EUR;Subvention;Région;03/05/2026\r\n"
                        + "04/05/2026;-1.000,00;EUR;Loyer mai;SCI Les Tilleuls;\r\n"
                        + "05/05/2026;-0,56;EUR;Frais;Banque;\r\n";

        BankStatement statement =
                parser.parse(
                        csv.getBytes(Charset.forName("windows-1252")),
                        null,
                        new CsvStatementParser.Options(
                                null,
                                null,
                                null,
                                new BigDecimal("234.00"),
                                LocalDate.of(2026, 5, 31)));

        assertThat(statement.lines())
                .extracting(StatementLine::amount)
                .containsExactly(
                        Money.of("1234.56", "EUR"),
                        Money.of("-1000.00", "EUR"),
                        Money.of("-0.56", "EUR"));
        assertThat(statement.lines().getFirst().reference()).isEqualTo("Subvention");
        assertThat(statement.lines().getFirst().counterparty())
                .as("decoded as Windows-1252")
                .isEqualTo("Région");
        assertThat(statement.lines().getFirst().valueDate()).isEqualTo(LocalDate.of(2026, 5, 3));
        assertThat(statement.to()).isEqualTo(LocalDate.of(2026, 5, 31));
        assertThat(statement.openingBalance()).isNull();
        assertThat(statement.statementId()).isNull();
    }

    @Test
    void refusesAHeaderWithoutARequiredColumn() {
        StatementProblem problem =
                refused("date,amount,reference,counterparty\n2026-05-02,1.00,x,y\n");

        assertThat(problem.code()).isEqualTo(StatementProblem.COLUMN_MISSING);
        assertThat(problem.kind()).isEqualTo(StatementProblem.Kind.MALFORMED);
        assertThat(problem.value()).isEqualTo("currency");
        assertThat(problem.where().line()).isEqualTo(1);
    }

    @Test
    void aMissingColumnProblemSaysWhichColumnsAreRequiredAndTheirNames() {
        StatementProblem problem = refused("Omschrijving;Tegenpartij\nx;y\n");

        assertThat(problem.value()).isEqualTo("date");
        assertThat(problem.properties().get("required"))
                .isEqualTo(java.util.List.of("date", "amount", "currency"));
        assertThat(problem.properties().get("missing"))
                .isEqualTo(java.util.List.of("date", "amount", "currency"));
        assertThat(problem.properties().get("expected")).isEqualTo("date, amount, currency");
        @SuppressWarnings("unchecked")
        java.util.Map<String, java.util.List<String>> accepted =
                (java.util.Map<String, java.util.List<String>>)
                        problem.properties().get("accepted");
        assertThat(accepted.get("date"))
                .contains("date", "date comptable", "boekingsdatum", "datum", "buchungstag");
        assertThat(accepted.get("amount")).contains("amount", "montant", "bedrag", "betrag");
        assertThat(accepted.get("currency")).contains("currency", "devise", "munt", "währung");
        assertThat(refused("date,amount,currency,Date\n2026-05-02,1.00,EUR,2026-05-02\n").code())
                .as("the same column twice")
                .isEqualTo(StatementProblem.UNREADABLE);
    }

    @Test
    void onlyTheDateAmountAndCurrencyAreRequired() {
        BankStatement statement =
                parser.parse(
                        bytes("Datum;Bedrag;Munt\n04/11/2026;-1,00;EUR\n"),
                        null,
                        balances(null, "-1.00"));

        assertThat(statement.lines().getFirst().reference()).isNull();
        assertThat(statement.lines().getFirst().counterparty()).isNull();
    }

    @Test
    void givenTheLedgersCurrencyRefusesAStatementInAnother() {
        CsvStatementParser euros = new CsvStatementParser(java.util.Currency.getInstance("EUR"));

        assertThatThrownBy(
                        () ->
                                euros.parse(
                                        Camt053ParserTest.resource("csv-fr-usd-march-2026.csv"),
                                        null,
                                        balances(null, "1155.00")))
                .isInstanceOfSatisfying(
                        StatementProblem.class,
                        problem -> {
                            assertThat(problem.code())
                                    .isEqualTo(StatementProblem.CURRENCY_UNSUPPORTED);
                            assertThat(problem.where().line()).isEqualTo(2);
                            assertThat(problem.where().column()).isEqualTo("currency");
                            assertThat(problem.value()).isEqualTo("USD");
                        });
    }

    @Test
    void theAccountColumnAndParameterMustAgree() {
        String csv =
                "date,amount,currency,account\n2026-05-02,1.00,EUR,BE68 5390 0754 7034\n"
                        + "2026-05-03,1.00,EUR,BE68539007547034\n";

        assertThat(
                        parser.parse(
                                        bytes(csv),
                                        null,
                                        new CsvStatementParser.Options(
                                                null,
                                                "be68539007547034",
                                                null,
                                                new BigDecimal("2.00"),
                                                null))
                                .account())
                .isEqualTo("BE68539007547034");
        assertThatThrownBy(() -> parser.parse(bytes(csv), null, balances(null, "2.00")))
                .isInstanceOfSatisfying(
                        StatementProblem.class,
                        problem -> assertThat(problem.where().column()).isEqualTo("account"));
        assertProblem(
                csv + "2026-05-04,1.00,EUR,BE71096123456769\n",
                StatementProblem.VALUE_INVALID,
                4,
                "account");
    }

    @Test
    void namesTheLineAndColumnOfEachWrongValue() {
        String header = "date,amount,currency,reference,counterparty\n";
        String good = "2026-05-01,1.00,EUR,a,b\n";

        assertProblem(
                header + good + "2026-05-02,1.00,EUR,a\n", StatementProblem.FIELD_COUNT, 3, null);
        assertProblem(
                header + good + "2026-05-02,\"1.00\"x,EUR,a,b\n",
                StatementProblem.UNREADABLE,
                3,
                null);
        assertProblem(
                header + good + "2026-05-02,1.00,EUR,\"never closed,b\n",
                StatementProblem.UNREADABLE,
                3,
                null);
        assertProblem(
                header + good + "2026-02-30,1.00,EUR,a,b\n",
                StatementProblem.DATE_INVALID,
                3,
                "date");
        assertProblem(
                header + good + "05/14/2026,1.00,EUR,a,b\n",
                StatementProblem.DATE_INVALID,
                3,
                "date");
        assertProblem(header + good + ",1.00,EUR,a,b\n", StatementProblem.DATE_INVALID, 3, "date");
        assertProblem(
                header + good + "2026-05-02,1.005,EUR,a,b\n",
                StatementProblem.AMOUNT_INVALID,
                3,
                "amount");
        assertProblem(
                header + good + "2026-05-02,1e3,EUR,a,b\n",
                StatementProblem.AMOUNT_INVALID,
                3,
                "amount");
        assertProblem(
                header + good + "2026-05-02,,EUR,a,b\n",
                StatementProblem.AMOUNT_INVALID,
                3,
                "amount");
        assertProblem(
                header + good + "2026-05-02,1.00,EUX,a,b\n",
                StatementProblem.CURRENCY_INVALID,
                3,
                "currency");
        assertProblem(
                header + good + "2026-05-02,1.00,USD,a,b\n",
                StatementProblem.CURRENCY_MIXED,
                3,
                "currency");
        assertProblem(
                "date;amount;currency;reference;counterparty\n2026-05-02;1.5;EUR;a;b\n",
                StatementProblem.AMOUNT_INVALID,
                2,
                "amount");
    }

    @Test
    void refusesBalancesThatAreMissingOrDoNotAddUp() {
        String csv = "date,amount,currency,reference,counterparty\n2026-05-01,1.00,EUR,a,b\n";

        assertThatThrownBy(() -> parser.parse(bytes(csv), null, balances(null, null)))
                .isInstanceOfSatisfying(
                        StatementProblem.class,
                        problem -> {
                            assertThat(problem.code()).isEqualTo(StatementProblem.VALUE_INVALID);
                            assertThat(problem.where().column()).isEqualTo("closingBalance");
                        });
        assertThatThrownBy(() -> parser.parse(bytes(csv), null, balances("10.00", "10.00")))
                .isInstanceOfSatisfying(
                        StatementProblem.class,
                        problem ->
                                assertThat(problem.code())
                                        .isEqualTo(StatementProblem.BALANCES_INCONSISTENT));
        assertThatThrownBy(() -> parser.parse(bytes(csv), null, balances(null, "10.001")))
                .isInstanceOfSatisfying(
                        StatementProblem.class,
                        problem ->
                                assertThat(problem.code())
                                        .isEqualTo(StatementProblem.AMOUNT_INVALID));
        assertThatThrownBy(
                        () ->
                                parser.parse(
                                        bytes(csv),
                                        null,
                                        new CsvStatementParser.Options(
                                                null,
                                                null,
                                                null,
                                                BigDecimal.ONE,
                                                LocalDate.of(2026, 4, 30))))
                .isInstanceOfSatisfying(
                        StatementProblem.class,
                        problem ->
                                assertThat(problem.code())
                                        .isEqualTo(StatementProblem.DATE_INVALID));
    }

    @Test
    void refusesAFileWithoutHeaderOrLines() {
        assertThat(refused("   \n\n").code()).isEqualTo(StatementProblem.UNREADABLE);
        assertThat(refused("date,amount,currency,reference,counterparty\n").code())
                .isEqualTo(StatementProblem.VALUE_INVALID);
    }

    @Test
    void readsABelgianExportWithDutchHeaders() {
        BankStatement statement =
                parser.parse(
                        Camt053ParserTest.resource("csv-be-fortis-nl-november-2026.csv"),
                        null,
                        new CsvStatementParser.Options(
                                null,
                                null,
                                new BigDecimal("10000.00"),
                                new BigDecimal("9492.50"),
                                LocalDate.of(2026, 11, 30)));

        assertThat(statement.account()).as("Rekeningnummer").isEqualTo("BE68539007547034");
        assertThat(statement.lines())
                .extracting(StatementLine::amount)
                .containsExactly(
                        Money.of("750.00", "EUR"),
                        Money.of("-1250.00", "EUR"),
                        Money.of("-7.50", "EUR"));
        StatementLine first = statement.lines().getFirst();
        assertThat(first.bookingDate()).as("Uitvoeringsdatum").isEqualTo(LocalDate.of(2026, 11, 4));
        assertThat(first.valueDate()).as("Valutadatum").isEqualTo(LocalDate.of(2026, 11, 4));
        assertThat(first.counterparty())
                .as("Naam van de tegenpartij, not Tegenpartij")
                .isEqualTo("Brouwerij De Kroon CVBA");
        assertThat(first.bankTransactionId()).as("Volgnummer").isEqualTo("2026-0118");
        assertThat(first.reference())
                .as("Mededeling and Details")
                .startsWith("+++090/9337/55493+++ VAN BE71");
        assertThat(statement.lines().get(2).reference())
                .isEqualTo("BEHEERSKOSTEN REKENING NOVEMBER 2026");
        assertThat(statement.lines().get(2).counterparty()).isNull();
    }

    @Test
    void readsAKbcExportWhoseValutaIsTheValueDateAndMuntTheCurrency() {
        BankStatement statement =
                parser.parse(
                        Camt053ParserTest.resource("csv-be-kbc-nl-november-2026.csv"),
                        null,
                        new CsvStatementParser.Options(
                                null,
                                null,
                                null,
                                new BigDecimal("12000.00"),
                                LocalDate.of(2026, 11, 30)));

        assertThat(statement.account()).isEqualTo("BE68539007547034");
        assertThat(statement.lines())
                .extracting(StatementLine::bookingDate)
                .containsExactly(LocalDate.of(2026, 11, 4), LocalDate.of(2026, 11, 12));
        assertThat(statement.lines().get(1).amount()).isEqualTo(Money.of("-1250.00", "EUR"));
        assertThat(statement.lines().getFirst().counterparty())
                .as("Naam tegenpartij, not Naam")
                .isEqualTo("BROUWERIJ DE KROON CVBA");
        assertThat(statement.lines().getFirst().reference())
                .isEqualTo("EUROPESE OVERSCHRIJVING VAN BROUWERIJ DE KROON CVBA 090933755493");
        assertThat(statement.lines().get(1).reference()).endsWith("Factuur 2026-311");
    }

    @Test
    void readsABelgianExportWithGermanHeaders() {
        BankStatement statement =
                parser.parse(
                        Camt053ParserTest.resource("csv-be-fortis-de-november-2026.csv"),
                        null,
                        new CsvStatementParser.Options(
                                null, null, null, new BigDecimal("742.50"), null));

        assertThat(statement.lines())
                .extracting(StatementLine::amount)
                .containsExactly(Money.of("750.00", "EUR"), Money.of("-7.50", "EUR"));
        assertThat(statement.lines().getFirst().counterparty())
                .isEqualTo("Brauerei Zur Krone GmbH");
        assertThat(statement.lines().get(1).reference())
                .isEqualTo("KONTOFÜHRUNGSGEBÜHREN NOVEMBER 2026");
        assertThat(statement.account()).isEqualTo("BE68539007547034");
        String german =
                "Buchungstag;Valuta;Betrag;Währung;Verwendungszweck;Name Zahlungsbeteiligter\n"
                        + "02.11.2026;02.11.2026;-12,34;EUR;Porto;Deutsche Post AG\n";
        assertThat(
                        parser.parse(bytes(german), null, balances(null, "-12.34"))
                                .lines()
                                .getFirst()
                                .bookingDate())
                .isEqualTo(LocalDate.of(2026, 11, 2));
    }

    @Test
    void aLineBreakInsideAQuotedFieldIsTheSameWhateverTheFilesLineEnds() {
        String csv =
                "date,amount,currency,reference,counterparty\n"
                        + "2026-05-02,1.00,EUR,\"Gift\n"
                        + "by post\",Anne\n";

        BankStatement unix = parser.parse(bytes(csv), null, balances(null, "1.00"));
        BankStatement windows =
                parser.parse(bytes(csv.replace("\n", "\r\n")), null, balances(null, "1.00"));

        assertThat(windows).isEqualTo(unix);
        assertThat(windows.lines().getFirst().reference()).isEqualTo("Gift\nby post");
    }

    @Test
    void readsQuotedSemicolonFieldsWithSeparatorsQuotesAndLineBreaksAfterABom() {
        String csv =
                "\uFEFFDate;Montant;Devise;Libellé;Contrepartie\r\n"
                    + "02/05/2026;\"1 234,56\";EUR;\"Subvention; tranche \"\"A\"\"\";\"Région\r\n"
                    + "Grand Est\"\r\n"
                    + "\r\n"
                    + "04/05/2026;-34,56;EUR;  \"Loyer, mai\"  ;\"\"\r\n";

        BankStatement statement = parser.parse(bytes(csv), null, balances("0.00", "1200.00"));

        assertThat(statement.lines()).hasSize(2);
        StatementLine grant = statement.lines().getFirst();
        assertThat(grant.amount()).isEqualTo(Money.of("1234.56", "EUR"));
        assertThat(grant.reference()).isEqualTo("Subvention; tranche \"A\"");
        assertThat(grant.counterparty())
                .as("a CRLF inside quotes is a line break")
                .isEqualTo("Région\nGrand Est");
        StatementLine rent = statement.lines().get(1);
        assertThat(rent.reference())
                .as("spaces around the quotes are not the field's")
                .isEqualTo("Loyer, mai");
        assertThat(rent.counterparty()).isNull();
    }

    @Test
    void readsTabSeparatedFieldsAndTakesALoneCarriageReturnForNothing() {
        String csv =
                "date\tamount\tcurrency\treference\n2026-05-02\t1.00\tEUR\t\"a\tb\"\n"
                        + "2026-05-03\t2.00\tEUR\tcar\riage\r\n";

        BankStatement statement = parser.parse(bytes(csv), null, balances(null, "3.00"));

        assertThat(statement.lines())
                .extracting(StatementLine::reference)
                .containsExactly("a\tb", "cariage");
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsReadAsItIs() {
        BankStatement statement =
                parser.parse(
                        bytes(
                                "date,amount,currency,reference\n"
                                        + "2026-05-02,1.00,EUR,Fee \"May\" 2026\n"),
                        null,
                        balances(null, "1.00"));

        assertThat(statement.lines().getFirst().reference()).isEqualTo("Fee \"May\" 2026");
    }

    @Test
    void namesTheLineOfAQuotingProblem() {
        String header = "date,amount,currency,reference,counterparty\n";
        String good = "2026-05-01,1.00,EUR,a,b\n";

        assertProblem(
                header + good + "2026-05-02,1.00,EUR,\"two\nlines\"x,b\n",
                StatementProblem.UNREADABLE,
                4,
                null);
        assertProblem(
                header + "\n" + good + "2026-05-02,1.00,EUR,\"a\" \"b\",b\n",
                StatementProblem.UNREADABLE,
                4,
                null);
        assertProblem(header + good + "\n\"\"\n", StatementProblem.FIELD_COUNT, 4, null);
        assertProblem(
                header + good + "2026-05-02,1.00,EUR,\"a\nb,c\n",
                StatementProblem.UNREADABLE,
                3,
                null);
    }

    private StatementProblem refused(String csv) {
        try {
            parser.parse(bytes(csv), null, balances(null, "1.00"));
        } catch (StatementProblem problem) {
            return problem;
        }
        throw new AssertionError("accepted: " + csv);
    }

    private void assertProblem(String csv, String code, int line, String column) {
        StatementProblem problem = refused(csv);
        assertThat(problem.code()).as(problem.getMessage()).isEqualTo(code);
        assertThat(problem.where().line()).as(problem.getMessage()).isEqualTo(line);
        assertThat(problem.where().column()).as(problem.getMessage()).isEqualTo(column);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
