package coop.cluster.project.project.domain;

import coop.cluster.plumbing.domain.RuleViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A version of the partnership agreement: each partner's contribution, the coordinator, the tasks
 * with the partner responsible for each, and the cost-settlement rule; and who has signed this
 * version. Amounts are exact decimals in the agreement's one currency.
 *
 * @param signatures the partners that signed this version, and when
 */
public record Agreement(
        int version,
        String currency,
        List<Contribution> contributions,
        String coordinator,
        List<Task> tasks,
        String settlementRule,
        Instant proposedAt,
        Map<String, Instant> signatures) {

    /**
     * What a partner brings: money, and/or work or goods in kind with their declared value.
     *
     * @param money cash contribution, zero or more; may be null when it brings only in kind
     * @param inKind what it brings in kind; null when nothing
     * @param inKindValue the declared value of {@code inKind}
     */
    public record Contribution(
            String memberId, BigDecimal money, String inKind, BigDecimal inKindValue) {}

    public record Task(String title, String responsible) {}

    public Agreement {
        contributions = List.copyOf(contributions);
        tasks = List.copyOf(tasks);
        signatures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(signatures));
    }

    /**
     * A new version, checked against the project's partners: every partner contributes, once; the
     * coordinator and every task's responsible are partners; amounts are not negative and fit the
     * currency.
     */
    public static Agreement propose(
            int version,
            String currency,
            List<Contribution> contributions,
            String coordinator,
            List<Task> tasks,
            String settlementRule,
            Collection<String> partners,
            Instant now) {
        Currency unit;
        try {
            unit = Currency.getInstance(currency == null ? "" : currency);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("invalid-currency", currency);
        }
        Set<String> seen = new HashSet<>();
        for (Contribution c : contributions) {
            if (!partners.contains(c.memberId())) {
                throw new RuleViolation("contributor-not-a-partner", c.memberId());
            }
            if (!seen.add(c.memberId())) {
                throw new RuleViolation("contribution-twice", c.memberId());
            }
            boolean money = c.money() != null && c.money().signum() > 0;
            boolean kind = c.inKind() != null && !c.inKind().isBlank();
            if (!money && !kind) {
                throw new RuleViolation("contribution-empty", c.memberId());
            }
            checkAmount(c.money(), unit, c.memberId());
            checkAmount(c.inKindValue(), unit, c.memberId());
            if (kind && (c.inKindValue() == null || c.inKindValue().signum() <= 0)) {
                throw new RuleViolation("in-kind-value-required", c.memberId());
            }
        }
        if (!seen.containsAll(partners)) {
            Set<String> missing = new HashSet<>(partners);
            missing.removeAll(seen);
            throw new RuleViolation("contribution-missing", String.join(", ", missing));
        }
        if (coordinator == null || !partners.contains(coordinator)) {
            throw new RuleViolation("coordinator-not-a-partner", coordinator);
        }
        for (Task task : tasks) {
            if (task.title() == null || task.title().isBlank()) {
                throw new RuleViolation("task-title-required");
            }
            if (!partners.contains(task.responsible())) {
                throw new RuleViolation(
                        "responsible-not-a-partner", task.responsible(), task.title());
            }
        }
        if (settlementRule == null || settlementRule.isBlank()) {
            throw new RuleViolation("settlement-rule-required");
        }
        return new Agreement(
                version,
                unit.getCurrencyCode(),
                contributions,
                coordinator,
                tasks,
                settlementRule.strip(),
                now,
                Map.of());
    }

    private static void checkAmount(BigDecimal amount, Currency unit, String member) {
        if (amount == null) {
            return;
        }
        if (amount.signum() < 0
                || amount.stripTrailingZeros().scale()
                        > Math.max(unit.getDefaultFractionDigits(), 0)
                || amount.compareTo(new BigDecimal("1000000000")) > 0) {
            throw new RuleViolation(
                    "invalid-amount", amount.toPlainString(), unit.getCurrencyCode(), member);
        }
    }

    /** Every one of {@code partners} has signed this version. */
    public boolean signedByAll(Collection<String> partners) {
        return signatures.keySet().containsAll(partners);
    }

    Agreement signedBy(String member, Instant now) {
        Map<String, Instant> next = new LinkedHashMap<>(signatures);
        next.put(member, now);
        return new Agreement(
                version,
                currency,
                contributions,
                coordinator,
                tasks,
                settlementRule,
                proposedAt,
                next);
    }

    /** The members this version was written for: those it lists a contribution of. */
    public Set<String> parties() {
        Set<String> parties = new HashSet<>();
        contributions.forEach(c -> parties.add(c.memberId()));
        return parties;
    }
}
