package coop.cluster.finance.report;

import coop.cluster.finance.report.domain.ProjectBudget;
import java.time.LocalDate;
import java.util.List;

/**
 * The port through which reports learn the project budgets (what each partner pledged). The
 * project-budget feature provides the real one; until it is wired, {@link #NONE} knows no budget,
 * and a report shows the actuals without a budget line.
 */
public interface ProjectBudgetFigures {

    /** No budget known. */
    ProjectBudgetFigures NONE = (from, to) -> List.of();

    /**
     * The budgets of the projects running at some time between {@code from} and {@code to}
     * (inclusive).
     */
    List<ProjectBudget> budgetsBetween(LocalDate from, LocalDate to);
}
