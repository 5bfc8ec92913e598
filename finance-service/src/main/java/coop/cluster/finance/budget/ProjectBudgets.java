package coop.cluster.finance.budget;

import coop.cluster.finance.ledger.domain.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Project budgets against actual, for other packages (public reports) as for the API. Amounts in the budget's
 * currency; see {@link Budget#against} for what each figure means.
 */
public interface ProjectBudgets {

    /** Every opened budget, by project id. */
    List<ProjectBudget> all();

    Optional<ProjectBudget> of(String projectId);

    record PartnerBudget(String memberId, Money pledged, Money received, Money outstanding, Money spent,
                         Money released, Money remaining, String inKind) {
    }

    record ProjectBudget(String projectId, String title, String leaderId, String currency, int agreementVersion,
                         Instant openedAt, Money pledged, Money received, Money outstanding, Money spent,
                         Money released, Money unfunded, Money remaining, List<PartnerBudget> partners) {
    }
}
