package coop.cluster.finance.reconciliation;

/** Other matching runs of the same statement kept storing first; nothing of this run was stored. */
public class ReconciliationBusyException extends RuntimeException {

    public ReconciliationBusyException(String id) {
        super("statement " + id + ": other matching runs kept storing first");
    }
}
