package coop.cluster.finance.expense.domain;

/**
 * Where an expense is: {@code SUBMITTED -> APPROVED -> PAID}, or {@code SUBMITTED -> REJECTED}.
 * Rejected and paid are final.
 */
public enum ExpenseState {
    SUBMITTED,
    APPROVED,
    REJECTED,
    PAID;

    /** Whether an expense in this state may move to {@code next}. */
    public boolean mayBecome(ExpenseState next) {
        return switch (this) {
            case SUBMITTED -> next == APPROVED || next == REJECTED;
            case APPROVED -> next == PAID;
            case REJECTED, PAID -> false;
        };
    }
}
