package coop.cluster.finance.ledger.domain;

import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An account of the chart. Accounts are immutable once opened; only their balance, which comes from
 * the entries, changes.
 *
 * <p><b>Codes.</b> A standard account has a four-digit code ({@code 1000} bank, {@code 4200} grant
 * income...). A sub-account extends its parent's code with {@code :}-separated segments of letters,
 * digits, {@code .}, {@code _} and {@code -}, for instance {@code 1100:M:<memberId>} (a member's
 * receivable) or {@code 4200:P:<programme>:J:<projectId>} (grant income of one project under one
 * programme). The colon never appears inside a segment, so codes cannot collide, and a code is safe
 * in a URL path.
 *
 * <p>A sub-account has its parent's type, currency and normal side, so balances roll up to the
 * parent.
 *
 * @param code {@code NNNN} or a sub-account code as above; at most {@value #MAX_CODE_LENGTH}
 *     characters
 * @param name for people; not blank, at most {@value #MAX_NAME_LENGTH} characters
 * @param type the kind of account
 * @param currency the only currency it can hold
 * @param normalSide the side its balance normally lies on: the type's, or the opposite for a contra
 *     account
 * @param mayGoNegative whether its balance may cross below zero
 * @param parentCode the parent's code for a sub-account, else {@code null}
 */
public record Account(
        String code,
        String name,
        AccountType type,
        Currency currency,
        Side normalSide,
        boolean mayGoNegative,
        String parentCode) {

    public static final int MAX_CODE_LENGTH = 200;
    public static final int MAX_NAME_LENGTH = 200;
    private static final Pattern CODE = Pattern.compile("[0-9]{4}(:[A-Za-z0-9._-]{1,64})*");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Account {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(normalSide, "normalSide");
        Money.minorUnitDigits(currency);
        if (code == null || code.length() > MAX_CODE_LENGTH || !CODE.matcher(code).matches()) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ACCOUNT_INVALID, "not an account code: " + code);
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ACCOUNT_INVALID,
                    "account " + code + " needs a name of 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (parentCode != null && !code.startsWith(parentCode + ":")) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ACCOUNT_INVALID,
                    "sub-account " + code + " must extend its parent's code " + parentCode);
        }
        if (parentCode == null && code.indexOf(':') >= 0) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ACCOUNT_INVALID,
                    "sub-account " + code + " needs its parent");
        }
    }

    /** A top-level account with its type's normal side and negative-balance default. */
    public static Account of(String code, String name, AccountType type, Currency currency) {
        return new Account(
                code, name, type, currency, type.normalSide(), type.mayGoNegativeByDefault(), null);
    }

    /**
     * A sub-account of this one: same type, currency, normal side and negative-balance rule.
     *
     * @param segments the segments appended to this code, e.g. {@code "M", memberId}
     */
    public Account subAccount(String name, String... segments) {
        if (segments.length == 0) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ACCOUNT_INVALID, "a sub-account needs a code segment");
        }
        StringBuilder child = new StringBuilder(code);
        for (String segment : segments) {
            if (segment == null || !SEGMENT.matcher(segment).matches()) {
                throw new LedgerViolation(
                        LedgerViolation.Reason.ACCOUNT_INVALID,
                        "not a sub-account code segment: "
                                + segment
                                + " (letters, digits, '.', '_' and '-', 1 to 64 characters)");
            }
            child.append(':').append(segment);
        }
        return new Account(child.toString(), name, type, currency, normalSide, mayGoNegative, code);
    }

    /** The same account allowed, or not, to go negative. */
    public Account withMayGoNegative(boolean allowed) {
        return new Account(code, name, type, currency, normalSide, allowed, parentCode);
    }

    /**
     * The same account with its balance on the side opposite its type's, e.g. a contra memo
     * account.
     */
    public Account contra() {
        return new Account(
                code,
                name,
                type,
                currency,
                type.normalSide().opposite(),
                mayGoNegative,
                parentCode);
    }

    public Optional<String> parent() {
        return Optional.ofNullable(parentCode);
    }

    /**
     * Whether this is the account {@code ancestorCode} or one of its sub-accounts, at any depth.
     */
    public boolean isWithin(String ancestorCode) {
        return code.equals(ancestorCode) || code.startsWith(ancestorCode + ":");
    }
}
