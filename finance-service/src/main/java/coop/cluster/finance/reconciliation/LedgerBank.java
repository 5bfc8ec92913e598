package coop.cluster.finance.reconciliation;

import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.LedgerEntry;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.reconciliation.domain.BankMovement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The ledger's bank as the reconciliation sees it, read from the journal through {@link
 * Bookkeeping#entries}: every entry's movement on account 1000 and its sub-accounts, per currency.
 *
 * <p>The whole journal is read page by page for each matching run: simple and always current, and
 * cheap at a cooperative's volume. (A projection of bank movements by date would be the next step
 * for a large journal.)
 */
@Component
class LedgerBank {

    private static final int PAGE = 500;

    private final Bookkeeping ledger;
    private volatile Currency currency;

    LedgerBank(Bookkeeping ledger) {
        this.ledger = ledger;
    }

    /**
     * The bank movements in one currency, and the bank balance on some dates.
     *
     * @param movements every movement dated in {@code [from, to]}, reversed entries and their
     *     reversals left out (together they moved nothing), by sequence
     * @param balances for each date asked, the sum of every bank movement dated up to it, included
     *     (reversals included)
     */
    record View(List<BankMovement> movements, Map<LocalDate, Money> balances) {

        /** The bank balance at the end of a day that was asked for. */
        Money balance(LocalDate asOf) {
            Money balance = balances.get(asOf);
            if (balance == null) {
                throw new IllegalArgumentException("no balance read for " + asOf);
            }
            return balance;
        }

        /** The movements dated in {@code [from, to]}. */
        List<BankMovement> between(LocalDate from, LocalDate to) {
            return movements.stream()
                    .filter(m -> !m.date().isBefore(from) && !m.date().isAfter(to))
                    .toList();
        }
    }

    /** The currency of the ledger's bank account (1000 and its sub-accounts hold that one only). */
    Currency currency() {
        Currency known = currency;
        if (known == null) {
            known = ledger.chart().get(ChartOfAccounts.BANK).currency();
            currency = known;
        }
        return known;
    }

    View read(Currency currency, LocalDate from, LocalDate to, Collection<LocalDate> asOf) {
        List<BankMovement> inRange = new ArrayList<>();
        Set<String> reversed = new HashSet<>();
        LocalDate last = asOf.stream().max(LocalDate::compareTo).orElse(LocalDate.MIN);
        TreeMap<LocalDate, Money> byDay = new TreeMap<>();
        long next = 1;
        while (true) {
            List<LedgerEntry> page = ledger.entries(next, PAGE);
            for (LedgerEntry stored : page) {
                JournalEntry entry = stored.entry();
                entry.reversedEntry().ifPresent(reversed::add);
                Money moved = bankMovement(entry, currency);
                if (moved.isZero()) {
                    continue;
                }
                if (!entry.effectiveDate().isAfter(last)) {
                    byDay.merge(entry.effectiveDate(), moved, Money::add);
                }
                if (!entry.effectiveDate().isBefore(from) && !entry.effectiveDate().isAfter(to)) {
                    inRange.add(
                            new BankMovement(
                                    stored.sequence(),
                                    entry.id(),
                                    entry.idempotencyKey(),
                                    entry.description(),
                                    entry.effectiveDate(),
                                    moved));
                }
                if (entry.isReversal()) {
                    reversed.add(entry.id());
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            next = page.getLast().sequence() + 1;
        }
        List<BankMovement> live =
                inRange.stream().filter(m -> !reversed.contains(m.entryId())).toList();
        Map<LocalDate, Money> balances = new HashMap<>();
        for (LocalDate day : asOf) {
            Money balance = Money.zero(currency);
            for (Money moved : byDay.headMap(day, true).values()) {
                balance = balance.add(moved);
            }
            balances.put(day, balance);
        }
        return new View(live, Map.copyOf(balances));
    }

    static Money bankMovement(JournalEntry entry, Currency currency) {
        Money moved = Money.zero(currency);
        for (Posting posting : entry.postings()) {
            if (isBank(posting.accountCode()) && posting.amount().currency().equals(currency)) {
                moved = moved.add(posting.signedAmount());
            }
        }
        return moved;
    }

    static boolean isBank(String code) {
        return code.equals(ChartOfAccounts.BANK) || code.startsWith(ChartOfAccounts.BANK + ":");
    }
}
