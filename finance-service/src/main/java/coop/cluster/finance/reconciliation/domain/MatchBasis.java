package coop.cluster.finance.reconciliation.domain;

/**
 * Why a statement line was matched to a ledger entry, strongest first; each also needs the same
 * amount and currency and a date within the window. The score orders candidates: a higher one wins.
 */
public enum MatchBasis {
    /** The line's text contains the entry's id. */
    ENTRY_ID(3),
    /** The line's text contains the entry's idempotency key. */
    IDEMPOTENCY_KEY(2),
    /**
     * The line's text contains a reference found in the entry's description: a word with a digit,
     * at least five characters long (so a bare year is none).
     */
    DESCRIPTION_REFERENCE(1),
    /** Same amount and currency within the window, nothing more. */
    AMOUNT_AND_DATE(0);

    private final int score;

    MatchBasis(int score) {
        this.score = score;
    }

    public int score() {
        return score;
    }
}
