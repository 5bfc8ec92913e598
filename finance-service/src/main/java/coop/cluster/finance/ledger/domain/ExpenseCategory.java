package coop.cluster.finance.ledger.domain;

/** The categories expenses are reported by, each with its account in the standard chart. */
public enum ExpenseCategory {
    ADMINISTRATIVE(ChartOfAccounts.ADMINISTRATIVE_EXPENSES),
    LEGAL(ChartOfAccounts.LEGAL_EXPENSES),
    ACCOUNTING(ChartOfAccounts.ACCOUNTING_EXPENSES),
    PROJECT(ChartOfAccounts.PROJECT_EXPENSES);

    private final String accountCode;

    ExpenseCategory(String accountCode) {
        this.accountCode = accountCode;
    }

    /** The code of the category's expense account in the standard chart. */
    public String accountCode() {
        return accountCode;
    }
}
