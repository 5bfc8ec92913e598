package coop.cluster.finance.ledger.domain;

import java.util.Objects;

/**
 * A ledger rule was broken, so the entry, amount or account was refused and nothing was changed.
 *
 * <p>{@link #code()} is stable and machine-readable: the web layer maps it to an RFC 9457 problem
 * type. The message is for a person and names the offending account, currency or amount. It extends
 * {@link IllegalArgumentException} because every violation is about the value that was offered,
 * given the ledger as it stands.
 */
public final class LedgerViolation extends IllegalArgumentException {

    /** Why something was refused. */
    public enum Reason {
        /**
         * For some currency, the debits do not equal the credits (after any recorded conversion).
         */
        ENTRY_UNBALANCED("entry-unbalanced"),
        /**
         * Two currencies meet where they may not: arithmetic across currencies, a posting in a
         * currency other than its account's, or postings in several currencies without a recorded
         * conversion.
         */
        CURRENCY_MISMATCH("currency-mismatch"),
        /** The currency has no minor unit (e.g. gold, {@code XAU}) or is not an ISO 4217 code. */
        CURRENCY_UNSUPPORTED("currency-unsupported"),
        /**
         * More decimals than the currency has minor units, e.g. {@code 1.005 EUR}. Amounts are
         * never rounded.
         */
        AMOUNT_TOO_PRECISE("amount-too-precise"),
        /**
         * An amount with more than {@value Money#MAX_INTEGER_DIGITS} integer digits, or a posting
         * above the ledger's maximum amount ({@link EntryLimits}).
         */
        AMOUNT_OUT_OF_RANGE("amount-out-of-range"),
        /**
         * An entry dated outside the window the ledger takes: before its opening or too far from
         * today ({@link EntryLimits}).
         */
        ENTRY_DATE_OUT_OF_RANGE("entry-date-out-of-range"),
        /** A posting of zero or a negative amount: the side says which way money moves. */
        POSTING_AMOUNT_NOT_POSITIVE("posting-amount-not-positive"),
        /** An entry with fewer than two postings. */
        ENTRY_TOO_FEW_POSTINGS("entry-too-few-postings"),
        /** A missing or malformed id, date or description. */
        ENTRY_INVALID("entry-invalid"),
        /** A missing, blank, too long or non-printable idempotency key. */
        IDEMPOTENCY_KEY_INVALID("idempotency-key-invalid"),
        /** The idempotency key was already used for an entry with different content. */
        IDEMPOTENCY_CONFLICT("idempotency-conflict"),
        /** An entry id already used by another entry (with another idempotency key). */
        ENTRY_ID_TAKEN("entry-id-taken"),
        /** The same account is both debited and credited in one entry. */
        ACCOUNT_ON_BOTH_SIDES("account-on-both-sides"),
        /**
         * A conversion that is not positive on both sides, converts a currency into itself, or
         * names a currency none of the entry's postings use.
         */
        CONVERSION_INVALID("conversion-invalid"),
        /** An entry posting both to memo accounts and to accounts inside the balance. */
        ENTRY_MIXES_MEMO("entry-mixes-memo"),
        /** A posting (or a sub-account's parent) names an account the chart does not have. */
        ACCOUNT_UNKNOWN("account-unknown"),
        /** A malformed account: code, name, or a sub-account that does not match its parent. */
        ACCOUNT_INVALID("account-invalid"),
        /** A different account already has this code. */
        ACCOUNT_CODE_TAKEN("account-code-taken"),
        /** The entry would take an account that may not go negative below zero. */
        ACCOUNT_WOULD_GO_NEGATIVE("account-would-go-negative"),
        /** A reversal of an entry the ledger does not have. */
        REVERSAL_TARGET_UNKNOWN("reversal-target-unknown"),
        /** A reversal of a reversal: post the original again under a new key instead. */
        REVERSAL_OF_REVERSAL("reversal-of-reversal"),
        /** A second reversal of the same entry. */
        ENTRY_ALREADY_REVERSED("entry-already-reversed"),
        /**
         * A reversal whose postings or conversions are not the exact opposite of the entry it
         * reverses.
         */
        REVERSAL_NOT_OPPOSITE("reversal-not-opposite"),
        /**
         * The entry is dated on or before the date the ledger is closed through: post the change
         * into the open period instead (a reversal too is a new entry, dated in the open period).
         */
        PERIOD_CLOSED("period-closed"),
        /**
         * A closing through a date the ledger is already closed through (a period inside a closed
         * one).
         */
        PERIOD_ALREADY_CLOSED("period-already-closed");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable machine code, in kebab case. */
        public String code() {
            return code;
        }
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public LedgerViolation(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** The stable machine code, e.g. {@code entry-unbalanced}. */
    public String code() {
        return reason.code();
    }
}
