package coop.cluster.finance.ledger;

import coop.cluster.finance.ledger.domain.AccountBalance;
import coop.cluster.finance.ledger.domain.Balances;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.finance.ledger.persistence.StoredHead;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head ({@value LedgerJournal#HEADS}): the balances after some sequence, a snapshot that serves
 * {@link Bookkeeping#balances()} without loading the journal. A cache only: it may lag the journal,
 * and is served only when no record follows it. It is moved forward by one conditional write that
 * never moves it back ({@link LedgerJournal#advanceHead}), never per posting: by a background tick
 * when this instance has written since, by a read that found it behind, and on shutdown. A lost
 * race for it is harmless, the journal being the truth. Thread-safe.
 */
final class LedgerHead {

    private static final Logger log = LoggerFactory.getLogger(LedgerHead.class);

    private final LedgerJournal journal;
    private final ChartOfAccounts chart;

    /**
     * The last sequence this instance wrote to the head or found it at: the head needs no write up
     * to there.
     */
    private final AtomicLong at = new AtomicLong();

    LedgerHead(LedgerJournal journal, ChartOfAccounts chart) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.chart = Objects.requireNonNull(chart, "chart");
    }

    /**
     * The balances the head holds, when no record follows it in the journal (two lookups by id).
     */
    Optional<Balances> ifCurrent() {
        Optional<StoredHead> head = journal.head();
        if (head.isPresent() && !journal.has(head.get().sequence() + 1)) {
            at.accumulateAndGet(head.get().sequence(), Math::max);
            return Optional.of(balances(head.get()));
        }
        return Optional.empty();
    }

    /** Whether the head may be behind what this instance wrote through {@code wroteThrough}. */
    boolean behind(long wroteThrough) {
        return wroteThrough > at.get();
    }

    /**
     * Moves the head forward to {@code sequence}, with the balances after it, in one conditional
     * write and without reading it; failures are logged, the journal being unaffected.
     */
    void advance(long sequence, Balances balances) {
        Map<String, Money> byCode = new LinkedHashMap<>();
        for (AccountBalance balance : balances.accounts()) {
            if (!balance.balance().isZero()) {
                byCode.put(balance.account().code(), balance.balance());
            }
        }
        try {
            if (!journal.advanceHead(sequence, byCode, balances.conversions())) {
                log.debug(
                        "Head not moved to {}: another writer moved it there or beyond", sequence);
            }
            at.accumulateAndGet(sequence, Math::max); // written, or already at least as far
        } catch (RuntimeException failed) {
            log.warn(
                    "Could not move the ledger head to sequence {}; the journal is unaffected",
                    sequence,
                    failed);
        }
    }

    private Balances balances(StoredHead head) {
        ChartOfAccounts opened = chart;
        for (String code : head.balances().keySet()) {
            opened = opened.withOpened(code);
        }
        Map<String, AccountBalance> byCode = new LinkedHashMap<>();
        for (var account : opened.accounts()) {
            Money balance =
                    head.balances().getOrDefault(account.code(), Money.zero(account.currency()));
            byCode.put(account.code(), new AccountBalance(account, balance));
        }
        return new Balances(byCode, head.conversions());
    }
}
