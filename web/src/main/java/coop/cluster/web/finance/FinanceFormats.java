package coop.cluster.web.finance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What the finance pages add to {@code @formats}: days as the ledger dates them ({@code
 * LocalDate}), and a balance put in its debit or credit column, so that no one has to read a sign
 * ({@code ${@financeFormats.debit(...)}}).
 */
@Component("financeFormats")
public class FinanceFormats {

    /** "7 décembre 2026" / "December 7, 2026". */
    public String day(LocalDate day, Locale locale) {
        return day == null
                ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(locale)
                        .format(day);
    }

    /** "07/12/2026" / "12/7/26": for dense tables. */
    public String shortDay(LocalDate day, Locale locale) {
        return day == null
                ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT)
                        .withLocale(locale)
                        .format(day);
    }

    /**
     * The amount of a balance that belongs in the debit column: a balance signed by its account's
     * normal side ({@code DEBIT} or {@code CREDIT}) is a debit when it is positive on a debit
     * account or negative on a credit one; null when it belongs in the other column (or is zero).
     */
    public static BigDecimal debit(BigDecimal balance, String normalSide) {
        if (balance == null || balance.signum() == 0) {
            return null;
        }
        boolean debitSide = "DEBIT".equals(normalSide);
        return (balance.signum() > 0) == debitSide ? balance.abs() : null;
    }

    /** The amount of a balance that belongs in the credit column, else null. */
    public static BigDecimal credit(BigDecimal balance, String normalSide) {
        if (balance == null || balance.signum() == 0) {
            return null;
        }
        boolean debitSide = "DEBIT".equals(normalSide);
        return (balance.signum() > 0) != debitSide ? balance.abs() : null;
    }

    public BigDecimal debitOf(BigDecimal balance, String normalSide) {
        return debit(balance, normalSide);
    }

    public BigDecimal creditOf(BigDecimal balance, String normalSide) {
        return credit(balance, normalSide);
    }

    /**
     * A donor's or funder's account segment as a reader can say it: the ledger folds a name into a
     * slug followed by {@code _} and 16 hex digits of its hash ("fondation-verte_1a2b..."); the
     * hash is dropped, dashes become spaces.
     */
    public String source(String segment) {
        if (segment == null || segment.isBlank()) {
            return "";
        }
        return segment.replaceFirst("_[0-9a-f]{16}$", "").replace('-', ' ');
    }

    /** A signed movement (positive: money in) as money in, else null. */
    public BigDecimal in(BigDecimal amount) {
        return amount != null && amount.signum() > 0 ? amount : null;
    }

    /** A signed movement as money out (shown without its sign), else null. */
    public BigDecimal out(BigDecimal amount) {
        return amount != null && amount.signum() < 0 ? amount.negate() : null;
    }
}
