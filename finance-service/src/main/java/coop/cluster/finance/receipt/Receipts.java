package coop.cluster.finance.receipt;

import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.PostedEntry;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.receipt.domain.Receipt;
import coop.cluster.finance.receipt.persistence.ReceiptStore;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Donations, grants and in-kind contributions, correct without transactions: (1) the receipt is
 * inserted under an id derived from its kind and the request's Idempotency-Key, not yet posted; (2)
 * its entry, derived from the stored receipt, is posted under a deterministic key; (3) it is marked
 * posted. The same request again finds the receipt and completes or replays it; another receipt
 * under the same key is {@code receipt-key-reused}. A receipt the ledger refuses (nothing posted)
 * is removed again, so the request may be corrected and retried. The repair sweep posts what a
 * crash left between (1) and (3).
 */
@Service
public class Receipts {

    public static final String METRIC = "cluster.finance.receipts";
    static final Duration REPAIR_AFTER = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(Receipts.class);

    private final ReceiptStore store;
    private final Bookkeeping ledger;
    private final Clock clock;
    private final Map<Receipt.Kind, Counter> recorded = new EnumMap<>(Receipt.Kind.class);

    @Autowired
    Receipts(ReceiptStore store, Bookkeeping ledger, MeterRegistry meters) {
        this(store, ledger, meters, Clock.systemUTC());
    }

    Receipts(ReceiptStore store, Bookkeeping ledger, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.clock = clock;
        for (Receipt.Kind kind : Receipt.Kind.values()) {
            recorded.put(
                    kind,
                    Counter.builder(METRIC)
                            .description("Receipts posted to the ledger, by kind")
                            .tag("kind", kind.label())
                            .register(meters));
        }
    }

    /** A receipt recorded, and whether it had been before under the same key. */
    public record Recorded(Receipt receipt, boolean replayed) {}

    public record Page(List<Receipt> items, long total) {}

    /**
     * Records a receipt whose id was derived with {@link Receipt#idFor} from the request's
     * Idempotency-Key.
     */
    public Recorded record(Receipt offered) {
        boolean inserted = store.insert(offered);
        Receipt stored =
                inserted
                        ? offered
                        : find(offered.id())
                                .orElseThrow(
                                        () ->
                                                new IllegalStateException(
                                                        "receipt " + offered.id() + " vanished"));
        if (!inserted && !stored.sameAs(offered)) {
            throw new ProblemException(HttpStatus.CONFLICT, "receipt-key-reused", offered.key());
        }
        if (stored.posted()) {
            return new Recorded(stored, true);
        }
        return new Recorded(complete(stored), !inserted);
    }

    public Optional<Receipt> find(String id) {
        return store.find(id);
    }

    /** Posted receipts of a kind, newest first. */
    public Page list(Receipt.Kind kind, int page, int size) {
        ReceiptStore.Page found = store.list(kind, page, size);
        return new Page(found.items(), found.total());
    }

    /**
     * Posts the receipts recorded more than {@link #REPAIR_AFTER} ago and not yet in the ledger.
     */
    @Scheduled(
            fixedDelayString = "${cluster.finance.repair-interval:PT30S}",
            initialDelayString = "${cluster.finance.repair-interval:PT30S}")
    public int repair() {
        int repaired = 0;
        for (Receipt receipt : store.pendingBefore(clock.instant().minus(REPAIR_AFTER), 100)) {
            try {
                complete(receipt);
                repaired++;
            } catch (RuntimeException failed) {
                log.warn(
                        "Repair of receipt {} did not complete: {}",
                        receipt.id(),
                        failed.getMessage());
            }
        }
        return repaired;
    }

    private Receipt complete(Receipt stored) {
        PostedEntry posted;
        try {
            posted = ledger.post(stored.entry());
        } catch (LedgerViolation refused) {
            store.removeUnposted(stored.id());
            log.warn(
                    "Receipt {} refused by the ledger and removed: {}",
                    stored.id(),
                    refused.getMessage());
            throw refused;
        }
        if (store.markPosted(stored.id(), posted.sequence())) {
            recorded.get(stored.kind()).increment();
            log.info(
                    "{} {} of {} posted at sequence {}",
                    stored.kind().label(),
                    stored.id(),
                    stored.amount(),
                    posted.sequence());
        } else if (store.find(stored.id()).isEmpty()
                && store.insert(stored.postedAt(posted.sequence()))) {
            // another caller's post was refused just before this one went through, and it removed
            // the receipt:
            // the entry is in the ledger, so the receipt is put back, posted
            recorded.get(stored.kind()).increment();
            log.warn("Receipt {} was removed after this caller posted it; restored", stored.id());
        }
        return stored.postedAt(posted.sequence());
    }
}
