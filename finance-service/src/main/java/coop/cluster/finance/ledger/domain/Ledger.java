package coop.cluster.finance.ledger.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-memory, append-only double-entry ledger: a chart, the accepted entries in order, and the
 * balances they give. Balances are only ever changed by applying an entry.
 *
 * <p>{@link #post} checks everything before it changes anything, so a refused entry leaves the
 * ledger exactly as it was. On top of what {@link JournalEntry} checks by itself, it refuses:
 *
 * <ul>
 *   <li>a known idempotency key with different content ({@code idempotency-conflict}); the same key
 *       with the same content is a replay, accepted as a no-op that returns the entry first posted;
 *   <li>an id already taken ({@code entry-id-taken});
 *   <li>postings to an account not in the chart and not one it opens on demand ({@code
 *       account-unknown}) or in another currency than the account's ({@code currency-mismatch});
 *   <li>an entry posting both to memo accounts and to others ({@code entry-mixes-memo});
 *   <li>a reversal of an unknown entry, of a reversal, of an entry already reversed, or one that is
 *       not the exact opposite of its original;
 *   <li>an entry that would take an account that may not go negative below zero ({@code
 *       account-would-go-negative}). The check is on each account's balance after the whole entry,
 *       so the order of postings within an entry does not matter.
 * </ul>
 *
 * <p>Hence, after any sequence of accepted entries, debits equal credits per currency over all
 * accounts and the conversion positions ({@link Balances#trialBalance()}), memo accounts balance
 * among themselves, and no account that may not go negative is below zero.
 *
 * <p>Not thread-safe: whoever persists the ledger serialises its writes.
 */
public final class Ledger {

    private ChartOfAccounts chart;
    private final List<JournalEntry> entries = new ArrayList<>();
    private final Map<String, JournalEntry> byKey = new HashMap<>();
    private final Map<String, JournalEntry> byId = new HashMap<>();
    private final Map<String, String> reversalOf = new HashMap<>();
    private final Map<String, Money> balances = new HashMap<>();
    private final Map<java.util.Currency, Money> conversions = new HashMap<>();

    /** Entries dated on or before this day are refused; {@code null} while no period is closed. */
    private java.time.LocalDate closedThrough;

    private Ledger(ChartOfAccounts chart) {
        this.chart = Objects.requireNonNull(chart, "chart");
    }

    /** A ledger with no entries. */
    public static Ledger empty(ChartOfAccounts chart) {
        return new Ledger(chart);
    }

    /** A ledger built by posting {@code entries} in order; any refused entry throws. */
    public static Ledger replay(ChartOfAccounts chart, Iterable<JournalEntry> entries) {
        Ledger ledger = new Ledger(chart);
        entries.forEach(ledger::post);
        return ledger;
    }

    /**
     * Posts an entry, or refuses it with a {@link LedgerViolation} and changes nothing.
     *
     * @return the entry recorded, flagged as a replay when its idempotency key was already used
     *     with the same content
     */
    public Recorded post(JournalEntry entry) {
        Prepared prepared = prepare(entry);
        return prepared.replay() != null ? prepared.replay() : apply(prepared);
    }

    /**
     * What posting {@code entry} would do, decided against the ledger as it is, without changing
     * it: the replay of an earlier entry under the same key, or the new balances; a {@link
     * LedgerViolation} otherwise. The decision holds for {@link #apply} as long as nothing is
     * posted or closed in between: whoever persists the ledger writes the entry, then applies what
     * was prepared, and on a lost write simply leaves the ledger as it was.
     */
    public Prepared prepare(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        JournalEntry first = byKey.get(entry.idempotencyKey());
        if (first != null) {
            if (first.sameContentAs(entry)) {
                return new Prepared(entry, new Recorded(first, true), Map.of(), entries.size());
            }
            throw new LedgerViolation(
                    LedgerViolation.Reason.IDEMPOTENCY_CONFLICT,
                    "idempotency key "
                            + entry.idempotencyKey()
                            + " was already used by entry "
                            + first.id()
                            + " with other content");
        }
        if (closedThrough != null && !entry.effectiveDate().isAfter(closedThrough)) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.PERIOD_CLOSED,
                    "entry "
                            + entry.id()
                            + " is dated "
                            + entry.effectiveDate()
                            + ", in a period closed through "
                            + closedThrough
                            + "; post it (or its correction) into the open period, on or after "
                            + closedThrough.plusDays(1));
        }
        if (byId.containsKey(entry.id())) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ENTRY_ID_TAKEN, "entry id " + entry.id() + " is taken");
        }
        Map<String, Account> accounts = accountsOf(entry);
        if (entry.isReversal()) {
            checkReversal(entry);
        }
        Map<String, Money> next = new LinkedHashMap<>();
        for (Posting posting : entry.postings()) {
            Account account = accounts.get(posting.accountCode());
            Money current =
                    next.containsKey(account.code()) ? next.get(account.code()) : balance(account);
            Money change =
                    posting.side() == account.normalSide()
                            ? posting.amount()
                            : posting.amount().negate();
            next.put(account.code(), current.add(change));
        }
        next.forEach(
                (code, balance) -> {
                    Account account = accounts.get(code);
                    if (balance.isNegative() && !account.mayGoNegative()) {
                        throw new LedgerViolation(
                                LedgerViolation.Reason.ACCOUNT_WOULD_GO_NEGATIVE,
                                "entry "
                                        + entry.id()
                                        + " would take account "
                                        + code
                                        + " ("
                                        + account.name()
                                        + ") to "
                                        + balance);
                    }
                });
        return new Prepared(entry, null, next, entries.size());
    }

    /** A posting decided by {@link #prepare}: a replay, or the balances it leaves. */
    public record Prepared(
            JournalEntry entry, Recorded replay, Map<String, Money> next, int atSize) {}

    /**
     * Applies a posting {@link #prepare prepared} against this very state.
     *
     * @throws IllegalStateException when something was posted since it was prepared
     */
    public Recorded apply(Prepared prepared) {
        if (prepared.replay() != null) {
            return prepared.replay();
        }
        if (prepared.atSize() != entries.size()) {
            throw new IllegalStateException(
                    "entry " + prepared.entry().id() + " was prepared against another state");
        }
        JournalEntry entry = prepared.entry();
        Map<String, Money> next = prepared.next();
        for (String code : next.keySet()) {
            chart = chart.withOpened(code);
        }
        balances.putAll(next);
        for (Conversion conversion : entry.conversions()) {
            conversions.merge(
                    conversion.from().currency(), conversion.from(), Ledger::addUnlessZero);
            conversions.merge(
                    conversion.to().currency(), conversion.to().negate(), Ledger::addUnlessZero);
        }
        entries.add(entry);
        byKey.put(entry.idempotencyKey(), entry);
        byId.put(entry.id(), entry);
        entry.reversedEntry().ifPresent(original -> reversalOf.put(original, entry.id()));
        return new Recorded(entry, false);
    }

    private Map<String, Account> accountsOf(JournalEntry entry) {
        Map<String, Account> accounts = new HashMap<>();
        Boolean memo = null;
        for (Posting posting : entry.postings()) {
            Account account =
                    chart.resolve(posting.accountCode())
                            .orElseThrow(
                                    () ->
                                            new LedgerViolation(
                                                    LedgerViolation.Reason.ACCOUNT_UNKNOWN,
                                                    "entry "
                                                            + entry.id()
                                                            + " posts to account "
                                                            + posting.accountCode()
                                                            + ", which is not in the chart"));
            if (!account.currency().equals(posting.amount().currency())) {
                throw new LedgerViolation(
                        LedgerViolation.Reason.CURRENCY_MISMATCH,
                        "entry "
                                + entry.id()
                                + " posts "
                                + posting.amount()
                                + " to account "
                                + account.code()
                                + ", which holds "
                                + account.currency().getCurrencyCode());
            }
            boolean isMemo = !account.type().inBalance();
            if (memo != null && memo != isMemo) {
                throw new LedgerViolation(
                        LedgerViolation.Reason.ENTRY_MIXES_MEMO,
                        "entry "
                                + entry.id()
                                + " posts both to memo accounts and to accounts in the balance");
            }
            memo = isMemo;
            accounts.put(account.code(), account);
        }
        return accounts;
    }

    private void checkReversal(JournalEntry entry) {
        JournalEntry original = byId.get(entry.reverses());
        if (original == null) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.REVERSAL_TARGET_UNKNOWN,
                    "entry "
                            + entry.id()
                            + " reverses entry "
                            + entry.reverses()
                            + ", which is not in the ledger");
        }
        if (original.isReversal()) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.REVERSAL_OF_REVERSAL,
                    "entry "
                            + original.id()
                            + " is a reversal and cannot be reversed; post the original again"
                            + " instead");
        }
        String earlier = reversalOf.get(original.id());
        if (earlier != null) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ENTRY_ALREADY_REVERSED,
                    "entry " + original.id() + " was already reversed by entry " + earlier);
        }
        if (!entry.isOppositeOf(original)) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.REVERSAL_NOT_OPPOSITE,
                    "entry " + entry.id() + " is not the exact opposite of entry " + original.id());
        }
    }

    /** Adds two positions, dropping the result (returning {@code null}) when it is zero. */
    private static Money addUnlessZero(Money position, Money change) {
        Money sum = position.add(change);
        return sum.isZero() ? null : sum;
    }

    private Money balance(Account account) {
        Money balance = balances.get(account.code());
        return balance != null ? balance : Money.zero(account.currency());
    }

    /**
     * Closes the ledger through {@code through}: from now on an entry dated on or before it is
     * refused ({@code period-closed}), except the replay of an entry already posted under the same
     * key and content. Closings only move forward: a date on or before the current one is {@code
     * period-already-closed}.
     */
    public void closeThrough(java.time.LocalDate through) {
        checkCloseThrough(through);
        closedThrough = through;
    }

    /** What {@link #closeThrough} would refuse, without closing anything. */
    public void checkCloseThrough(java.time.LocalDate through) {
        Objects.requireNonNull(through, "through");
        if (closedThrough != null && !through.isAfter(closedThrough)) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.PERIOD_ALREADY_CLOSED,
                    "the ledger is already closed "
                            + "through "
                            + closedThrough
                            + ", which covers "
                            + through);
        }
    }

    /** The last day of the last closed period, if any period is closed. */
    public Optional<java.time.LocalDate> closedThrough() {
        return Optional.ofNullable(closedThrough);
    }

    /**
     * Switches to a chart with more accounts, e.g. after opening a member's receivable. The new
     * chart must hold every account of the current one, unchanged.
     */
    public void extendChart(ChartOfAccounts larger) {
        Objects.requireNonNull(larger, "larger");
        if (!larger.includes(chart)) {
            throw new IllegalArgumentException(
                    "a ledger's chart can only grow: accounts were removed or changed");
        }
        chart = larger;
    }

    public ChartOfAccounts chart() {
        return chart;
    }

    /** The balance of one account, signed by its normal side, or {@code account-unknown}. */
    public Money balance(String code) {
        return balance(chart.get(code));
    }

    /** A snapshot of every account's balance. */
    public Balances balances() {
        Map<String, AccountBalance> snapshot = new LinkedHashMap<>();
        for (Account account : chart.accounts()) {
            snapshot.put(account.code(), new AccountBalance(account, balance(account)));
        }
        return new Balances(snapshot, conversions);
    }

    /** The accepted entries, in the order posted. */
    public List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    public Optional<JournalEntry> entry(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<JournalEntry> entryForKey(String idempotencyKey) {
        return Optional.ofNullable(byKey.get(idempotencyKey));
    }

    /** The id of the entry that reversed {@code id}, if any. */
    public Optional<String> reversalOf(String id) {
        return Optional.ofNullable(reversalOf.get(id));
    }
}
