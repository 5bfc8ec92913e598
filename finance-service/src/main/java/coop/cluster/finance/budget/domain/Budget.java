package coop.cluster.finance.budget.domain;

import coop.cluster.finance.expense.domain.Expense;
import coop.cluster.finance.ledger.domain.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A project's budget as opened by its signed agreement: each partner's pledge, and the
 * contributions received. {@link #against} sets it against what the project actually spent.
 */
public record Budget(
        String projectId,
        String title,
        String leaderId,
        Currency currency,
        int agreementVersion,
        List<Pledge> pledges,
        List<Contribution> contributions,
        Instant openedAt,
        Instant signedAt) {

    public record Pledge(String memberId, Money money, String inKind, Money inKindValue) {}

    /**
     * What a signed agreement says of the budget: the project's title and leader, its currency,
     * each partner's pledge, when it was signed (or null).
     */
    public record Terms(
            String title,
            String leaderId,
            Currency currency,
            List<Pledge> pledges,
            Instant signedAt) {

        public Terms {
            pledges = List.copyOf(pledges);
        }
    }

    /** A contribution received; {@code posted} once its entry is in the ledger. */
    public record Contribution(
            String id,
            String partnerId,
            Money amount,
            LocalDate date,
            String reference,
            String recordedBy,
            Instant recordedAt,
            String key,
            boolean posted,
            Long sequence) {

        public boolean sameAs(Contribution other) {
            return partnerId.equals(other.partnerId)
                    && amount.equals(other.amount)
                    && date.equals(other.date)
                    && Objects.equals(reference, other.reference);
        }
    }

    public Budget {
        pledges = List.copyOf(pledges);
        contributions = List.copyOf(contributions);
    }

    public boolean hasPartner(String memberId) {
        return pledges.stream().anyMatch(pledge -> pledge.memberId().equals(memberId));
    }

    /**
     * Budget against actual. Per partner: pledged, received (contributions posted), outstanding
     * (pledged not yet received, never below zero), spent (booked project expenses for that
     * partner), released (what expenses took from its funds), remaining (received minus released:
     * its {@code 2500:J:<project>:M:<partner>} balance). For the project: the sums, plus the
     * expenses for no particular partner in {@code spent}, and {@code unfunded}: spending no
     * partner's funds covered (spent minus released). Expenses in another currency than the
     * budget's are left out.
     */
    public ProjectBudget against(List<Expense> booked) {
        Money zero = Money.zero(currency);
        Map<String, Money[]> byPartner =
                new LinkedHashMap<>(); // pledged, received, spent, released
        for (Pledge pledge : pledges) {
            byPartner.put(pledge.memberId(), new Money[] {pledge.money(), zero, zero, zero});
        }
        for (Contribution contribution : contributions) {
            if (contribution.posted()) {
                Money[] row = row(byPartner, contribution.partnerId(), zero);
                row[1] = row[1].add(contribution.amount());
            }
        }
        Money spent = zero;
        for (Expense expense : booked) {
            if (!expense.amount().currency().equals(currency)) {
                continue;
            }
            spent = spent.add(expense.amount());
            if (expense.partnerId() != null) {
                Money[] row = row(byPartner, expense.partnerId(), zero);
                row[2] = row[2].add(expense.amount());
            }
            for (Expense.Release release : expense.approval().releases()) {
                Money[] row = row(byPartner, release.partnerId(), zero);
                row[3] = row[3].add(release.amount());
            }
        }
        List<PartnerBudget> partners = new ArrayList<>();
        Money pledged = zero;
        Money received = zero;
        Money released = zero;
        Money outstanding = zero;
        for (Map.Entry<String, Money[]> entry : byPartner.entrySet()) {
            Money[] row = entry.getValue();
            Money owed = row[0].subtract(row[1]);
            Money partnerOutstanding = owed.isPositive() ? owed : zero;
            partners.add(
                    new PartnerBudget(
                            entry.getKey(),
                            row[0],
                            row[1],
                            partnerOutstanding,
                            row[2],
                            row[3],
                            row[1].subtract(row[3]),
                            inKind(entry.getKey())));
            pledged = pledged.add(row[0]);
            received = received.add(row[1]);
            released = released.add(row[3]);
            outstanding = outstanding.add(partnerOutstanding);
        }
        return new ProjectBudget(
                projectId,
                title,
                leaderId,
                currency.getCurrencyCode(),
                agreementVersion,
                openedAt,
                pledged,
                received,
                outstanding,
                spent,
                released,
                spent.subtract(released),
                received.subtract(released),
                partners);
    }

    private String inKind(String memberId) {
        return pledges.stream()
                .filter(pledge -> pledge.memberId().equals(memberId))
                .map(Pledge::inKind)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static Money[] row(Map<String, Money[]> rows, String partnerId, Money zero) {
        return rows.computeIfAbsent(partnerId, id -> new Money[] {zero, zero, zero, zero});
    }
}
