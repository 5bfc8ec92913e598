package coop.cluster.finance.ledger;

/**
 * Other writers kept taking the next sequence: the entry was not posted (nothing was written for
 * it) and may be retried with the same idempotency key.
 */
public final class LedgerContentionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LedgerContentionException(String message) {
        super(message);
    }
}
