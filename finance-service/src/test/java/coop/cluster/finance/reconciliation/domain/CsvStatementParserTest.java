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
        return new CsvStatementParser.Options("CSV-2026-05", "FR7630006000011234567890189",
                opening == null ? null : new BigDecimal(opening), closing == null ? null : new BigDecimal(closing),
                null);
    }

    @Test
    void readsTheCommaFormatWithQuotedFields() {
        String csv = """
                date,amount,currency,reference,counterparty,bank transaction id
                2026-05-02,250.00,EUR,"Fee INV-7, May",Atelier Coop,TX-1
                2026-05-04,-12.5,EUR,"Says ""hello""
                over two lines",,TX-2

                2026-05-06,+1.00,EUR,,Bank,
                """;

        BankStatement statement = parser.parse(bytes("\uFEFF" + csv), null, balances("100.00", "338.50"));

        assertThat(statement.format()).isEqualTo(StatementFormat.CSV);
        assertThat(statement.statementId()).isEqualTo("CSV-2026-05");
        assertThat(statement.openingBalance()).isEqualTo(Money.of("100.00", "EUR"));
        assertThat(statement.closingBalance()).isEqualTo(Money.of("338.50", "EUR"));
        assertThat(statement.from()).isEqualTo(LocalDate.of(2026, 5, 2));
        assertThat(statement.to()).isEqualTo(LocalDate.of(2026, 5, 6)).as("the last line's date by default");
        assertThat(statement.lines()).hasSize(3);
        assertThat(statement.lines().getFirst().reference()).isEqualTo("Fee INV-7, May");
        assertThat(statement.lines().getFirst().bankTransactionId()).isEqualTo("TX-1");
        assertThat(statement.lines().get(1).amount()).isEqualTo(Money.of("-12.50", "EUR"));
        assertThat(statement.lines().get(1).reference()).isEqualTo("Says \"hello\"\nover two lines");
        assertThat(statement.lines().get(1).counterparty()).isNull();
        assertThat(statement.lines().get(2).number()).isEqualTo(3);
        assertThat(statement.lines().get(2).bankTransactionId()).isNull();
    }

    @Test
    void readsTheFrenchFormatWithSemicolonsDecimalCommasAndDayFirstDates() {
        String csv = "Date;Montant;Devise;Libellé;Contrepartie;Date valeur\r\n"
                + "02/05/2026;1 234,56;EUR;Subvention;Région;03/05/2026\r\n"
                + "04/05/2026;-1.000,00;EUR;Loyer mai;SCI Les Tilleuls;\r\n"
                + "05/05/2026;-0,56;EUR;Frais;Banque;\r\n";

        BankStatement statement = parser.parse(csv.getBytes(Charset.forName("windows-1252")), null,
                new CsvStatementParser.Options(null, null, null, new BigDecimal("234.00"),
                        LocalDate.of(2026, 5, 31)));

        assertThat(statement.lines()).extracting(StatementLine::amount).containsExactly(
                Money.of("1234.56", "EUR"), Money.of("-1000.00", "EUR"), Money.of("-0.56", "EUR"));
        assertThat(statement.lines().getFirst().reference()).isEqualTo("Subvention");
        assertThat(statement.lines().getFirst().counterparty()).as("decoded as Windows-1252").isEqualTo("Région");
        assertThat(statement.lines().getFirst().valueDate()).isEqualTo(LocalDate.of(2026, 5, 3));
        assertThat(statement.to()).isEqualTo(LocalDate.of(2026, 5, 31));
        assertThat(statement.openingBalance()).isNull();
        assertThat(statement.statementId()).isNull();
    }

    @Test
    void refusesAHeaderWithoutARequiredColumn() {
        StatementProblem problem = refused("date,amount,reference,counterparty\n2026-05-02,1.00,x,y\n");

        assertThat(problem.code()).isEqualTo(StatementProblem.COLUMN_MISSING);
        assertThat(problem.kind()).isEqualTo(StatementProblem.Kind.MALFORMED);
        assertThat(problem.value()).isEqualTo("currency");
        assertThat(problem.where().line()).isEqualTo(1);
    }

    @Test
    void namesTheLineAndColumnOfEachWrongValue() {
        String header = "date,amount,currency,reference,counterparty\n";
        String good = "2026-05-01,1.00,EUR,a,b\n";

        assertProblem(header + good + "2026-05-02,1.00,EUR,a\n", StatementProblem.FIELD_COUNT, 3, null);
        assertProblem(header + good + "2026-05-02,\"1.00\"x,EUR,a,b\n", StatementProblem.UNREADABLE, 3, null);
        assertProblem(header + good + "2026-05-02,1.00,EUR,\"never closed,b\n", StatementProblem.UNREADABLE, 3,
                null);
        assertProblem(header + good + "2026-02-30,1.00,EUR,a,b\n", StatementProblem.DATE_INVALID, 3, "date");
        assertProblem(header + good + "05/14/2026,1.00,EUR,a,b\n", StatementProblem.DATE_INVALID, 3, "date");
        assertProblem(header + good + ",1.00,EUR,a,b\n", StatementProblem.DATE_INVALID, 3, "date");
        assertProblem(header + good + "2026-05-02,1.005,EUR,a,b\n", StatementProblem.AMOUNT_INVALID, 3, "amount");
        assertProblem(header + good + "2026-05-02,1e3,EUR,a,b\n", StatementProblem.AMOUNT_INVALID, 3, "amount");
        assertProblem(header + good + "2026-05-02,,EUR,a,b\n", StatementProblem.AMOUNT_INVALID, 3, "amount");
        assertProblem(header + good + "2026-05-02,1.00,EUX,a,b\n", StatementProblem.CURRENCY_INVALID, 3,
                "currency");
        assertProblem(header + good + "2026-05-02,1.00,USD,a,b\n", StatementProblem.CURRENCY_MIXED, 3,
                "currency");
        assertProblem("date;amount;currency;reference;counterparty\n2026-05-02;1.5;EUR;a;b\n",
                StatementProblem.AMOUNT_INVALID, 2, "amount");
    }

    @Test
    void refusesBalancesThatAreMissingOrDoNotAddUp() {
        String csv = "date,amount,currency,reference,counterparty\n2026-05-01,1.00,EUR,a,b\n";

        assertThatThrownBy(() -> parser.parse(bytes(csv), null, balances(null, null)))
                .isInstanceOfSatisfying(StatementProblem.class, problem -> {
                    assertThat(problem.code()).isEqualTo(StatementProblem.VALUE_INVALID);
                    assertThat(problem.where().column()).isEqualTo("closingBalance");
                });
        assertThatThrownBy(() -> parser.parse(bytes(csv), null, balances("10.00", "10.00")))
                .isInstanceOfSatisfying(StatementProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo(StatementProblem.BALANCES_INCONSISTENT));
        assertThatThrownBy(() -> parser.parse(bytes(csv), null, balances(null, "10.001")))
                .isInstanceOfSatisfying(StatementProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo(StatementProblem.AMOUNT_INVALID));
        assertThatThrownBy(() -> parser.parse(bytes(csv), null, new CsvStatementParser.Options(null, null, null,
                BigDecimal.ONE, LocalDate.of(2026, 4, 30))))
                .isInstanceOfSatisfying(StatementProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo(StatementProblem.DATE_INVALID));
    }

    @Test
    void refusesAFileWithoutHeaderOrLines() {
        assertThat(refused("   \n\n").code()).isEqualTo(StatementProblem.UNREADABLE);
        assertThat(refused("date,amount,currency,reference,counterparty\n").code())
                .isEqualTo(StatementProblem.VALUE_INVALID);
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
