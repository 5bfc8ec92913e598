package coop.cluster.finance.ledger.domain;

/** The side of a posting, and the side on which an account's balance normally lies. */
public enum Side {
    DEBIT,
    CREDIT;

    public Side opposite() {
        return this == DEBIT ? CREDIT : DEBIT;
    }
}
