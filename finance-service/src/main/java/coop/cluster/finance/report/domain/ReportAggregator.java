package coop.cluster.finance.report.domain;

import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes a period's report from the ledger's movements: pure, exact (BigDecimal throughout, never
 * rounded: the scale is the currency's minor unit, as the ledger keeps it).
 *
 * <p>What it reads, by the chart's codes: fee income 4000 (and its per-member sub-accounts),
 * donations 4100 per source {@code 4100:S:<source>}, grants 4200 per programme {@code
 * 4200:P:<programme>} and project {@code 4200:P:<programme>:J:<project>}; expenses 6100
 * administrative, 6200 legal, 6300 accounting, 6400 project, each with its sub-accounts; the bank
 * 1000; partners' contributions {@code 2500:J:<project>:M:<partner>} (their credits) and project
 * expenses {@code 6400:J:<project>}; in-kind contributions 9000 by member, source or project.
 */
public final class ReportAggregator {

    private static final String[][] CATEGORIES = {
        {"administrative", ChartOfAccounts.ADMINISTRATIVE_EXPENSES},
        {"legal", ChartOfAccounts.LEGAL_EXPENSES},
        {"accounting", ChartOfAccounts.ACCOUNTING_EXPENSES},
        {"project", ChartOfAccounts.PROJECT_EXPENSES},
    };

    private ReportAggregator() {}

    /**
     * The report, as a draft.
     *
     * @param inPeriod the movements of the period, by exact account code
     * @param before the {@link Rollups} of everything before the period
     * @param seal the period's seal, if it is sealed
     * @param budgets the project budgets known
     * @param throughSequence the last journal sequence the movements cover
     */
    public static PeriodReport report(
            ReportPeriod period,
            Currency currency,
            Map<String, Movement> inPeriod,
            Map<String, Movement> before,
            Optional<SealInfo> seal,
            List<ProjectBudget> budgets,
            long throughSequence,
            Instant generatedAt) {
        Objects.requireNonNull(period, "period");
        Amounts amounts = new Amounts(currency);
        Map<String, Movement> rollupsInPeriod = Rollups.of(inPeriod);

        BigDecimal fees = credits(rollupsInPeriod, ChartOfAccounts.FEE_INCOME);
        List<PeriodReport.Line> donations = new ArrayList<>();
        BigDecimal donationsTotal = BigDecimal.ZERO;
        for (Map.Entry<String, Movement> account :
                under(inPeriod, ChartOfAccounts.DONATIONS).entrySet()) {
            BigDecimal amount = account.getValue().creditBalance();
            donations.add(
                    new PeriodReport.Line(
                            account.getKey(),
                            segment(account.getKey(), "S"),
                            amounts.text(amount)));
            donationsTotal = donationsTotal.add(amount);
        }
        List<PeriodReport.GrantLine> grants = new ArrayList<>();
        BigDecimal grantsTotal = BigDecimal.ZERO;
        Map<String, Map<String, Movement>> byProgramme =
                new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        for (Map.Entry<String, Movement> account :
                under(inPeriod, ChartOfAccounts.GRANT_INCOME).entrySet()) {
            byProgramme
                    .computeIfAbsent(segment(account.getKey(), "P"), programme -> new TreeMap<>())
                    .put(account.getKey(), account.getValue());
        }
        for (Map.Entry<String, Map<String, Movement>> programme : byProgramme.entrySet()) {
            BigDecimal programmeTotal = BigDecimal.ZERO;
            List<PeriodReport.Line> projects = new ArrayList<>();
            for (Map.Entry<String, Movement> account : programme.getValue().entrySet()) {
                BigDecimal amount = account.getValue().creditBalance();
                programmeTotal = programmeTotal.add(amount);
                String project = segment(account.getKey(), "J");
                if (project != null) {
                    projects.add(
                            new PeriodReport.Line(account.getKey(), project, amounts.text(amount)));
                }
            }
            String code =
                    programme.getKey() == null
                            ? ChartOfAccounts.GRANT_INCOME
                            : ChartOfAccounts.grantIncomeCode(programme.getKey());
            grants.add(
                    new PeriodReport.GrantLine(
                            code, programme.getKey(), amounts.text(programmeTotal), projects));
            grantsTotal = grantsTotal.add(programmeTotal);
        }
        BigDecimal income = fees.add(donationsTotal).add(grantsTotal);

        List<PeriodReport.CategoryLine> categories = new ArrayList<>();
        BigDecimal expenses = BigDecimal.ZERO;
        for (String[] category : CATEGORIES) {
            BigDecimal amount =
                    rollupsInPeriod.getOrDefault(category[1], Movement.NONE).debitBalance();
            categories.add(
                    new PeriodReport.CategoryLine(category[0], category[1], amounts.text(amount)));
            expenses = expenses.add(amount);
        }

        BigDecimal bankOpening =
                before.getOrDefault(ChartOfAccounts.BANK, Movement.NONE).debitBalance();
        BigDecimal bankClosing =
                bankOpening.add(
                        rollupsInPeriod
                                .getOrDefault(ChartOfAccounts.BANK, Movement.NONE)
                                .debitBalance());
        BigDecimal net = income.subtract(expenses);

        List<PeriodReport.ProjectLine> projects =
                projects(inPeriod, before, rollupsInPeriod, budgets, amounts);

        List<PeriodReport.InKindLine> inKind = new ArrayList<>();
        BigDecimal inKindTotal = BigDecimal.ZERO;
        for (Map.Entry<String, Movement> account :
                under(inPeriod, ChartOfAccounts.IN_KIND).entrySet()) {
            BigDecimal amount = account.getValue().debitBalance();
            String[] parts = account.getKey().split(":");
            String kind =
                    parts.length < 3
                            ? "unspecified"
                            : switch (parts[1]) {
                                case "M" -> "member";
                                case "S" -> "source";
                                case "J" -> "project";
                                default -> "unspecified";
                            };
            inKind.add(
                    new PeriodReport.InKindLine(
                            kind,
                            parts.length < 3 ? null : parts[2],
                            account.getKey(),
                            amounts.text(amount)));
            inKindTotal = inKindTotal.add(amount);
        }

        PeriodReport.Seal sealed =
                seal.map(
                                info ->
                                        new PeriodReport.Seal(
                                                true,
                                                info.hash(),
                                                info.previousHash(),
                                                info.closedAt()))
                        .orElse(PeriodReport.Seal.NONE);
        return new PeriodReport(
                period.id(),
                period.kind().name().toLowerCase(java.util.Locale.ROOT),
                period.from(),
                period.to(),
                currency.getCurrencyCode(),
                PeriodReport.DRAFT,
                sealed,
                throughSequence,
                generatedAt,
                null,
                0,
                new PeriodReport.Income(
                        amounts.text(fees),
                        donations,
                        amounts.text(donationsTotal),
                        grants,
                        amounts.text(grantsTotal),
                        amounts.text(income)),
                new PeriodReport.Expenses(categories, amounts.text(expenses)),
                new PeriodReport.Balance(
                        amounts.text(bankOpening),
                        amounts.text(bankClosing),
                        amounts.text(income),
                        amounts.text(expenses),
                        amounts.text(net)),
                projects,
                new PeriodReport.InKind(inKind, amounts.text(inKindTotal)));
    }

    private static List<PeriodReport.ProjectLine> projects(
            Map<String, Movement> inPeriod,
            Map<String, Movement> before,
            Map<String, Movement> rollupsInPeriod,
            List<ProjectBudget> budgets,
            Amounts amounts) {
        Map<String, ProjectBudget> budgetByProject = new TreeMap<>();
        for (ProjectBudget budget : budgets) {
            budgetByProject.put(budget.projectId(), budget);
        }
        TreeSet<String> projectIds = new TreeSet<>(budgetByProject.keySet());
        for (String code : inPeriod.keySet()) {
            if (code.startsWith(ChartOfAccounts.PROJECT_FUNDS + ":J:")
                    || code.startsWith(ChartOfAccounts.PROJECT_EXPENSES + ":J:")) {
                projectIds.add(code.split(":")[2]);
            }
        }
        List<PeriodReport.ProjectLine> lines = new ArrayList<>();
        for (String project : projectIds) {
            String contributions = ChartOfAccounts.projectBudgetCode(project) + ":M:";
            TreeSet<String> partners = new TreeSet<>();
            for (Map<String, Movement> movements : List.of(rollupsInPeriod, before)) {
                movements.keySet().stream()
                        .filter(code -> code.startsWith(contributions))
                        .map(code -> code.substring(contributions.length()).split(":")[0])
                        .forEach(partners::add);
            }
            ProjectBudget budget = budgetByProject.get(project);
            Map<String, BigDecimal> pledged = new TreeMap<>();
            if (budget != null) {
                for (ProjectBudget.Pledge pledge : budget.pledges()) {
                    pledged.merge(pledge.partnerId(), pledge.amount().amount(), BigDecimal::add);
                    partners.add(pledge.partnerId());
                }
            }
            List<PeriodReport.PartnerLine> partnerLines = new ArrayList<>();
            BigDecimal received = BigDecimal.ZERO;
            BigDecimal receivedToDate = BigDecimal.ZERO;
            for (String partner : partners) {
                String code = contributions + partner;
                BigDecimal inThePeriod = rollupsInPeriod.getOrDefault(code, Movement.NONE).credit();
                BigDecimal toDate =
                        inThePeriod.add(before.getOrDefault(code, Movement.NONE).credit());
                received = received.add(inThePeriod);
                receivedToDate = receivedToDate.add(toDate);
                BigDecimal promised = pledged.get(partner);
                partnerLines.add(
                        new PeriodReport.PartnerLine(
                                partner,
                                budget == null
                                        ? null
                                        : amounts.text(
                                                promised == null ? BigDecimal.ZERO : promised),
                                amounts.text(inThePeriod),
                                amounts.text(toDate)));
            }
            String expensesCode = ChartOfAccounts.projectExpensesCode(project);
            BigDecimal spent =
                    rollupsInPeriod.getOrDefault(expensesCode, Movement.NONE).debitBalance();
            BigDecimal spentToDate =
                    spent.add(before.getOrDefault(expensesCode, Movement.NONE).debitBalance());
            String pledgedTotal =
                    budget == null
                            ? null
                            : amounts.text(
                                    pledged.values().stream()
                                            .reduce(BigDecimal.ZERO, BigDecimal::add));
            lines.add(
                    new PeriodReport.ProjectLine(
                            project,
                            budget != null,
                            pledgedTotal,
                            amounts.text(received),
                            amounts.text(receivedToDate),
                            amounts.text(spent),
                            amounts.text(spentToDate),
                            partnerLines,
                            budget == null ? null : budget.title()));
        }
        return lines;
    }

    /** The accounts {@code code} and below, in code order. */
    private static Map<String, Movement> under(Map<String, Movement> byAccount, String code) {
        Map<String, Movement> found = new TreeMap<>();
        byAccount.forEach(
                (account, movement) -> {
                    if (account.equals(code) || account.startsWith(code + ":")) {
                        found.put(account, movement);
                    }
                });
        return found;
    }

    private static BigDecimal credits(Map<String, Movement> rollups, String root) {
        return rollups.getOrDefault(root, Movement.NONE).creditBalance();
    }

    /**
     * The value after segment kind {@code kind} in a code ({@code 4100:S:acme} -> {@code acme}), or
     * null.
     */
    static String segment(String code, String kind) {
        String[] parts = code.split(":");
        for (int i = 1; i + 1 < parts.length; i += 2) {
            if (parts[i].equals(kind)) {
                return parts[i + 1];
            }
        }
        return null;
    }

    /**
     * Amounts as plain strings at the currency's minor unit; an amount finer than that is never
     * rounded.
     */
    private record Amounts(Currency currency) {

        String text(BigDecimal amount) {
            return amount.setScale(
                            Math.max(currency.getDefaultFractionDigits(), 0),
                            RoundingMode.UNNECESSARY)
                    .toPlainString();
        }
    }
}
