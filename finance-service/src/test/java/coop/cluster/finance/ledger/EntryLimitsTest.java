package coop.cluster.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.finance.ledger.domain.EntryLimits;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dates and amounts a new entry may have: a window around today, never before the ledger's
 * opening.
 */
class EntryLimitsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private static JournalEntry dated(LocalDate date, String amount) {
        Money money = Money.of(amount, "EUR");
        return JournalEntry.of(
                "e-" + date.getYear(),
                "k",
                date,
                "test",
                List.of(Posting.debit("1000", money), Posting.credit("4000", money)));
    }

    @Test
    void byDefaultTenYearsBackToOneYearAheadAndAtMostOneBillion() {
        EntryLimits limits = LedgerSettings.DEFAULTS.limits(TODAY);
        assertThat(limits.earliest()).isEqualTo(LocalDate.of(2016, 12, 7));
        assertThat(limits.latest()).isEqualTo(LocalDate.of(2027, 12, 7));
        limits.check(dated(limits.earliest(), "1000000000.00"));
        limits.check(dated(limits.latest(), "0.01"));
        for (LocalDate absurd :
                List.of(
                        LocalDate.MIN,
                        LocalDate.MAX,
                        LocalDate.of(0, 1, 1),
                        limits.earliest().minusDays(1),
                        limits.latest().plusDays(1))) {
            assertThatThrownBy(() -> limits.check(dated(absurd, "1.00")))
                    .isInstanceOf(LedgerViolation.class)
                    .extracting(e -> ((LedgerViolation) e).code())
                    .isEqualTo("entry-date-out-of-range");
        }
        assertThatThrownBy(() -> limits.check(dated(TODAY, "99999999999999999999999999999.99")))
                .extracting(e -> ((LedgerViolation) e).code())
                .isEqualTo("amount-out-of-range");
        assertThatThrownBy(() -> limits.check(dated(TODAY, "1000000000.01")))
                .extracting(e -> ((LedgerViolation) e).code())
                .isEqualTo("amount-out-of-range");
    }

    @Test
    void neverBeforeTheLedgersOpeningAndConfigurable() {
        LedgerSettings settings =
                new LedgerSettings(
                        LocalDate.of(2024, 1, 1),
                        Period.ofYears(5),
                        Period.ofMonths(3),
                        new BigDecimal("50000"));
        EntryLimits limits = settings.limits(TODAY);
        assertThat(limits.earliest())
                .as("the opening, later than five years back")
                .isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(limits.latest()).isEqualTo(LocalDate.of(2027, 3, 7));
        assertThatThrownBy(() -> limits.check(dated(LocalDate.of(2023, 12, 31), "1.00")))
                .extracting(e -> ((LedgerViolation) e).code())
                .isEqualTo("entry-date-out-of-range");
        assertThatThrownBy(() -> limits.check(dated(TODAY, "50000.01")))
                .extracting(e -> ((LedgerViolation) e).code())
                .isEqualTo("amount-out-of-range");
        assertThat(
                        new LedgerSettings(LocalDate.of(2000, 1, 1), null, null, null)
                                .limits(TODAY)
                                .earliest())
                .as("an opening before the window changes nothing")
                .isEqualTo(LocalDate.of(2016, 12, 7));
        assertThatThrownBy(() -> new LedgerSettings(null, Period.ofYears(-1), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
