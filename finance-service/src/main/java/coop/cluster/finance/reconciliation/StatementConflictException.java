package coop.cluster.finance.reconciliation;

/** A statement id (with its account) already imported from a file with other content. */
public class StatementConflictException extends RuntimeException {

    private final String statementId;

    public StatementConflictException(String statementId) {
        super("statement " + statementId + " was already imported with other content");
        this.statementId = statementId;
    }

    public String statementId() {
        return statementId;
    }
}
