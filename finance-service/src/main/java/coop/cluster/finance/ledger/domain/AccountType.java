package coop.cluster.finance.ledger.domain;

/**
 * The kind of an account, which sets its default normal side and whether it may go negative.
 *
 * <p>An account's balance is signed by its normal side: a debit to a debit-normal account raises
 * it, a credit lowers it. "Negative" means the balance has crossed to the other side: a bank
 * account in overdraft, a receivable the member has overpaid. Only equity may do so by default (an
 * accumulated deficit); any account can be opened with another setting.
 */
public enum AccountType {
    /** What the sub-account holds or is owed: the bank, member receivables. */
    ASSET(Side.DEBIT, false),
    /** What it owes: approved expenses not yet paid, members' prepayments, project funds held. */
    LIABILITY(Side.CREDIT, false),
    /** Its net assets. May go negative: a deficit. */
    EQUITY(Side.CREDIT, true),
    /** Fees, donations, grants. */
    INCOME(Side.CREDIT, false),
    /** Administrative, legal, accounting and project costs. */
    EXPENSE(Side.DEBIT, false),
    /**
     * In-kind contributions at their declared value: recorded, but outside the balance. An entry
     * posts either only to memo accounts or to none, so memo accounts balance among themselves.
     */
    MEMO(Side.DEBIT, false);

    private final Side normalSide;
    private final boolean mayGoNegative;

    AccountType(Side normalSide, boolean mayGoNegative) {
        this.normalSide = normalSide;
        this.mayGoNegative = mayGoNegative;
    }

    /** The side on which a balance of this type normally lies. */
    public Side normalSide() {
        return normalSide;
    }

    /** Whether accounts of this type may, by default, cross below zero. */
    public boolean mayGoNegativeByDefault() {
        return mayGoNegative;
    }

    /**
     * Whether balances of this type count in the balance sheet and income statement (all but memo).
     */
    public boolean inBalance() {
        return this != MEMO;
    }
}
