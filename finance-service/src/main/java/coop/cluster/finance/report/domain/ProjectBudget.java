package coop.cluster.finance.report.domain;

import coop.cluster.finance.ledger.domain.Money;
import java.util.List;
import java.util.Objects;

/**
 * A project's budget as the project-budget feature keeps it: what each partner pledged.
 *
 * @param projectId the project, as in its sub-accounts ({@code 2500:J:<projectId>})
 * @param title the project's title, for people; {@code null} when unknown
 * @param pledges one per partner
 */
public record ProjectBudget(String projectId, String title, List<Pledge> pledges) {

    public ProjectBudget {
        Objects.requireNonNull(projectId, "projectId");
        pledges = List.copyOf(pledges);
    }

    /** A budget whose project's title is not known. */
    public ProjectBudget(String projectId, List<Pledge> pledges) {
        this(projectId, null, pledges);
    }

    /**
     * @param partnerId the partner member, as in {@code 2500:J:<projectId>:M:<partnerId>}
     * @param amount what it pledged
     */
    public record Pledge(String partnerId, Money amount) {

        public Pledge {
            Objects.requireNonNull(partnerId, "partnerId");
            Objects.requireNonNull(amount, "amount");
        }
    }
}
