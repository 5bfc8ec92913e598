package coop.cluster.finance.budget.domain;

import coop.cluster.finance.ledger.domain.Money;

/** One partner's budget against actual, in the budget's currency (see {@link Budget#against}). */
public record PartnerBudget(
        String memberId,
        Money pledged,
        Money received,
        Money outstanding,
        Money spent,
        Money released,
        Money remaining,
        String inKind) {}
