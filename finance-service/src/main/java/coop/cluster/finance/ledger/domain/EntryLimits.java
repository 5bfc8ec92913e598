package coop.cluster.finance.ledger.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a new entry may be, beyond the ledger's own rules: dated from {@code earliest} to {@code
 * latest} (both inclusive), and no posting or conversion above {@code maxAmount} (in the units of
 * its currency). Checked when an entry is offered, never when the journal is replayed: an entry
 * accepted once stays valid as days pass. Acceptance testing posted entries dated {@code
 * -999999999-01-01}, {@code +999999999-12-31} and {@code 0000-01-01}, and an amount of {@code
 * 99999999999999999999999999999.99 EUR}, and then sealed a period from {@code -999999999-01-01}.
 */
public record EntryLimits(LocalDate earliest, LocalDate latest, BigDecimal maxAmount) {

    public EntryLimits {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(maxAmount, "maxAmount");
        if (latest.isBefore(earliest) || maxAmount.signum() <= 0) {
            throw new IllegalArgumentException(
                    "no entry could be posted: dates "
                            + earliest
                            + ".."
                            + latest
                            + ", amounts up to "
                            + maxAmount.toPlainString());
        }
    }

    /**
     * Refuses, {@code entry-date-out-of-range} or {@code amount-out-of-range}, an entry outside the
     * limits.
     */
    public void check(JournalEntry entry) {
        checkDate(entry.effectiveDate(), "entry " + entry.id());
        for (Posting posting : entry.postings()) {
            checkAmount(posting.amount(), "posting to account " + posting.accountCode());
        }
        for (Conversion conversion : entry.conversions()) {
            checkAmount(conversion.from(), "conversion");
            checkAmount(conversion.to(), "conversion");
        }
    }

    /** Refuses, {@code entry-date-out-of-range}, a date outside the window. */
    public void checkDate(LocalDate date, String what) {
        if (date.isBefore(earliest) || date.isAfter(latest)) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ENTRY_DATE_OUT_OF_RANGE,
                    what
                            + " is dated "
                            + date
                            + "; the ledger takes dates from "
                            + earliest
                            + " to "
                            + latest);
        }
    }

    /** Refuses, {@code amount-out-of-range}, an amount above the maximum. */
    public void checkAmount(Money amount, String what) {
        if (amount.amount().abs().compareTo(maxAmount) > 0) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.AMOUNT_OUT_OF_RANGE,
                    what
                            + " of "
                            + amount
                            + " is more than the ledger takes, "
                            + maxAmount.toPlainString()
                            + " "
                            + amount.currency().getCurrencyCode());
        }
    }
}
