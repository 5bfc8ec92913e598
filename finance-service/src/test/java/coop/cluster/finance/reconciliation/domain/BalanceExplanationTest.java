package coop.cluster.finance.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.ledger.domain.Money;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The difference between a statement's closing balance and the ledger's, explained: the month-end
 * case of the acceptance test (a payment of 31 August that the bank lists on September's
 * statement), and the identity that the causes add up to the difference.
 */
class BalanceExplanationTest {

    private static final LocalDate AUGUST_1 = LocalDate.of(2026, 8, 1);
    private static final LocalDate AUGUST_31 = LocalDate.of(2026, 8, 31);
    private final StatementMatcher matcher = new StatementMatcher(3);

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static StatementLine line(int number, LocalDate date, String amount, String reference) {
        return new StatementLine(number, date, null, eur(amount), reference, null, null);
    }

    private static BankMovement movement(
            long sequence, LocalDate date, String amount, String description) {
        return new BankMovement(
                sequence, "entry-" + sequence, "key-" + sequence, description, date, eur(amount));
    }

    private static BankStatement statement(
            String id,
            String opening,
            String closing,
            LocalDate from,
            LocalDate to,
            List<StatementLine> lines) {
        return new BankStatement(
                StatementFormat.CAMT053,
                id,
                "FR7630006000011234567890189",
                java.util.Currency.getInstance("EUR"),
                eur(opening),
                eur(closing),
                from,
                to,
                lines);
    }

    @Test
    void aPaymentListedOnTheNextStatementIsTheCauseOfTheEarlierMonthsDifference() {
        BankMovement rent = movement(4, AUGUST_31, "-650.00", "Rent LOY-2026-09");
        BankStatement august =
                statement(
                        "STMT-2026-08",
                        "3000.00",
                        "3410.10",
                        AUGUST_1,
                        AUGUST_31,
                        List.of(
                                line(1, LocalDate.of(2026, 8, 10), "500.00", "DON-2026-0810"),
                                line(2, LocalDate.of(2026, 8, 20), "-89.90", "Internet")));
        List<BankMovement> ledger =
                List.of(
                        movement(2, LocalDate.of(2026, 8, 9), "500.00", "DON-2026-0810"),
                        movement(3, LocalDate.of(2026, 8, 20), "-89.90", "Internet"));

        StatementMatcher.Result matched = matcher.match(august.lines(), ledger);
        BalanceExplanation before =
                BalanceExplanation.of(
                        august, matched, List.of(rent), List.of(), eur("3000.00"), eur("2760.10"));
        BalanceExplanation after =
                BalanceExplanation.of(
                        august,
                        matched,
                        List.of(),
                        List.of(new BalanceExplanation.Claimed(rent, "sept-id", "STMT-2026-09", 1)),
                        eur("3000.00"),
                        eur("2760.10"));

        assertThat(before.differences())
                .singleElement()
                .satisfies(
                        cause -> {
                            assertThat(cause.kind())
                                    .isEqualTo(BalanceDifference.Kind.ENTRY_NOT_ON_STATEMENT);
                            assertThat(cause.amount()).isEqualTo(eur("650.00"));
                            assertThat(cause.entrySequence()).isEqualTo(4L);
                        });
        assertThat(after.differences())
                .singleElement()
                .satisfies(
                        cause -> {
                            assertThat(cause.kind())
                                    .isEqualTo(BalanceDifference.Kind.ENTRY_ON_OTHER_STATEMENT);
                            assertThat(cause.amount()).isEqualTo(eur("650.00"));
                            assertThat(cause.entryDate()).isEqualTo(AUGUST_31);
                            assertThat(cause.otherStatementId()).isEqualTo("STMT-2026-09");
                            assertThat(cause.otherLine()).isEqualTo(1);
                        });
        assertThat(after.unexplained()).isEqualTo(eur("0.00"));
    }

    @Test
    void theNextStatementShowsTheLineTheLedgerHasInThePreviousPeriod() {
        BankMovement rent = movement(4, AUGUST_31, "-650.00", "Rent LOY-2026-09");
        BankStatement september =
                statement(
                        "STMT-2026-09",
                        "3410.10",
                        "2835.10",
                        LocalDate.of(2026, 9, 1),
                        LocalDate.of(2026, 9, 30),
                        List.of(
                                line(1, AUGUST_31, "-650.00", "Loyer LOY-2026-09"),
                                line(2, LocalDate.of(2026, 9, 15), "75.00", "Don")));
        List<BankMovement> ledger =
                List.of(rent, movement(5, LocalDate.of(2026, 9, 15), "75.00", "Donation"));

        BalanceExplanation explanation =
                BalanceExplanation.of(
                        september,
                        matcher.match(september.lines(), ledger),
                        List.of(),
                        List.of(),
                        eur("2760.10"),
                        eur("2835.10"));

        assertThat(explanation.differences())
                .extracting(BalanceDifference::kind)
                .containsExactly(
                        BalanceDifference.Kind.OPENING_BALANCE,
                        BalanceDifference.Kind.LINE_ENTRY_BEFORE_PERIOD);
        assertThat(explanation.differences())
                .extracting(BalanceDifference::amount)
                .containsExactly(eur("650.00"), eur("-650.00"));
        assertThat(explanation.differences().get(1).line()).isEqualTo(1);
        assertThat(explanation.unexplained()).isEqualTo(eur("0.00"));
    }

    @Test
    void everyKindOfCauseAddsUpToTheDifference() {
        BankStatement statement =
                statement(
                        "S",
                        "100.00",
                        "180.00",
                        AUGUST_1,
                        AUGUST_31,
                        List.of(
                                line(1, AUGUST_1, "50.00", "not in the ledger"),
                                line(2, AUGUST_31, "40.00", "REF-77777"),
                                line(3, LocalDate.of(2026, 8, 15), "-10.00", "matched")));
        List<BankMovement> ledger =
                List.of(
                        movement(1, LocalDate.of(2026, 9, 2), "40.00", "REF-77777"),
                        movement(2, LocalDate.of(2026, 8, 15), "-10.00", "matched"),
                        movement(3, LocalDate.of(2026, 8, 16), "25.00", "not on the statement"));
        StatementMatcher.Result matched = matcher.match(statement.lines(), ledger);
        // ledger: 120.00 before the period, then -10.00 and 25.00 in it
        BalanceExplanation explanation =
                BalanceExplanation.of(
                        statement,
                        matched,
                        matched.unmatchedMovements(),
                        List.of(),
                        eur("120.00"),
                        eur("135.00"));

        assertThat(explanation.differences())
                .extracting(BalanceDifference::kind)
                .containsExactly(
                        BalanceDifference.Kind.OPENING_BALANCE,
                                BalanceDifference.Kind.LINE_NOT_IN_LEDGER,
                        BalanceDifference.Kind.LINE_ENTRY_AFTER_CLOSING,
                                BalanceDifference.Kind.ENTRY_NOT_ON_STATEMENT);
        Money sum = eur("0.00");
        for (BalanceDifference cause : explanation.differences()) {
            sum = sum.add(cause.amount());
        }
        assertThat(sum).isEqualTo(eur("45.00")).as("180.00 - 135.00");
        assertThat(explanation.unexplained()).isEqualTo(eur("0.00"));
    }
}
