package coop.cluster.finance.budget;

import coop.cluster.finance.budget.domain.ProjectBudget;
import java.util.List;
import java.util.Optional;

/**
 * Project budgets against actual, for other packages (public reports) as for the API. Amounts in
 * the budget's currency; see {@link coop.cluster.finance.budget.domain.Budget#against} for what
 * each figure means.
 */
public interface ProjectBudgets {

    /** Every opened budget, by project id. */
    List<ProjectBudget> all();

    Optional<ProjectBudget> of(String projectId);
}
