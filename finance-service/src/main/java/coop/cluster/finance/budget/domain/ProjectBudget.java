package coop.cluster.finance.budget.domain;

import coop.cluster.finance.ledger.domain.Money;
import java.time.Instant;
import java.util.List;

/** A project's budget against actual, in the budget's currency (see {@link Budget#against}). */
public record ProjectBudget(
        String projectId,
        String title,
        String leaderId,
        String currency,
        int agreementVersion,
        Instant openedAt,
        Money pledged,
        Money received,
        Money outstanding,
        Money spent,
        Money released,
        Money unfunded,
        Money remaining,
        List<PartnerBudget> partners) {}
