package coop.cluster.finance.expense;

import coop.cluster.finance.expense.domain.Expense;
import java.util.List;

/** What projects spent: for the project budgets' budget-against-actual. */
public interface ProjectSpending {

    /**
     * The project expenses of {@code projectId} booked in the ledger: approved (their approval
     * entry posted) or paid. Each says what it cost, which partner it was for (or none) and what it
     * released from each partner's funds.
     */
    List<Expense> booked(String projectId);
}
