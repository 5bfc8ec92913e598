package coop.cluster.finance.reconciliation.domain;

/** The bank statement formats the reconciliation reads. */
public enum StatementFormat {
    /** A CSV export: one line per booking, see {@link CsvStatementParser}. */
    CSV("csv"),
    /** ISO 20022 camt.053 BankToCustomerStatement, any version; see {@link Camt053Parser}. */
    CAMT053("camt053");

    private final String tag;

    StatementFormat(String tag) {
        this.tag = tag;
    }

    /** The lower-case name used in metrics and on the wire. */
    public String tag() {
        return tag;
    }
}
