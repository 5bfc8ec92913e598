package coop.cluster.project.project.events;

import coop.cluster.project.project.domain.Agreement;
import java.time.Instant;
import java.util.List;

/**
 * A version of the partnership agreement as events carry it, amounts as decimal strings in {@code
 * currency}: what finance needs to open the project's budget.
 */
public record AgreementContent(
        int version,
        String currency,
        List<Contribution> contributions,
        String coordinator,
        List<Task> tasks,
        String settlementRule,
        Instant proposedAt) {

    public record Contribution(String memberId, String money, String inKind, String inKindValue) {}

    public record Task(String title, String responsible) {}

    public static AgreementContent of(Agreement a) {
        return new AgreementContent(
                a.version(),
                a.currency(),
                a.contributions().stream()
                        .map(
                                c ->
                                        new Contribution(
                                                c.memberId(),
                                                plain(c.money()),
                                                c.inKind(),
                                                plain(c.inKindValue())))
                        .toList(),
                a.coordinator(),
                a.tasks().stream().map(t -> new Task(t.title(), t.responsible())).toList(),
                a.settlementRule(),
                a.proposedAt());
    }

    private static String plain(java.math.BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }
}
