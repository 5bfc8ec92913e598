package coop.cluster.finance.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.ledger.domain.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReportAggregatorTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final ReportPeriod MARCH = ReportPeriod.parse("2026-03");
    private static final Instant NOW = Instant.parse("2026-04-02T10:00:00Z");

    /** Movements by account, built up posting by posting. */
    private static final class Movements {
        private final Map<String, Movement> byAccount = new TreeMap<>();

        Movements debit(String account, String amount) {
            byAccount.merge(account, Movement.debit(new BigDecimal(amount)), Movement::plus);
            return this;
        }

        Movements credit(String account, String amount) {
            byAccount.merge(account, Movement.credit(new BigDecimal(amount)), Movement::plus);
            return this;
        }

        /** A balanced entry: debit one account, credit the other. */
        Movements entry(String debited, String credited, String amount) {
            return debit(debited, amount).credit(credited, amount);
        }

        Map<String, Movement> map() {
            return byAccount;
        }
    }

    private static PeriodReport report(
            Movements inPeriod, Movements before, List<ProjectBudget> budgets) {
        return ReportAggregator.report(
                MARCH,
                EUR,
                inPeriod.map(),
                Rollups.of(before.map()),
                Optional.empty(),
                budgets,
                42,
                NOW);
    }

    @Test
    void incomeBySourceSeparatesFeesDonationsPerSourceAndGrantsPerProgrammeAndProject() {
        Movements march =
                new Movements()
                        .entry("1000", "4000:M:m1", "100.00")
                        .entry("1000", "4000:M:m2", "50.50")
                        .entry("1000", "4100:S:acme", "200.00")
                        .entry("1000", "4100:S:acme", "0.01")
                        .entry("1000", "4100:S:friends", "30.00")
                        .entry("1000", "4100", "5.00")
                        .entry("1000", "4200:P:erasmus:J:p1", "1000.00")
                        .entry("1000", "4200:P:erasmus", "250.00")
                        .entry("1000", "4200:P:feder", "99.99");

        PeriodReport report = report(march, new Movements(), List.of());

        PeriodReport.Income income = report.income();
        assertThat(income.membershipFees()).isEqualTo("150.50");
        assertThat(income.donations())
                .containsExactly(
                        new PeriodReport.Line("4100", null, "5.00"),
                        new PeriodReport.Line("4100:S:acme", "acme", "200.01"),
                        new PeriodReport.Line("4100:S:friends", "friends", "30.00"));
        assertThat(income.donationsTotal()).isEqualTo("235.01");
        assertThat(income.grants())
                .containsExactly(
                        new PeriodReport.GrantLine(
                                "4200:P:erasmus",
                                "erasmus",
                                "1250.00",
                                List.of(
                                        new PeriodReport.Line(
                                                "4200:P:erasmus:J:p1", "p1", "1000.00"))),
                        new PeriodReport.GrantLine("4200:P:feder", "feder", "99.99", List.of()));
        assertThat(income.grantsTotal()).isEqualTo("1349.99");
        assertThat(income.total()).isEqualTo("1735.50");
        assertThat(report.status()).isEqualTo("draft");
        assertThat(report.seal().sealed()).isFalse();
        assertThat(report.throughSequence()).isEqualTo(42);
    }

    @Test
    void expensesByCategoryIncludeSubAccountsAndReversalsNetOut() {
        Movements march =
                new Movements()
                        .entry("1000", "4100:S:acme", "1000.00")
                        .entry("6100", "1000", "12.34")
                        .entry("6100:J:p1", "1000", "0.66")
                        .entry("6200", "1000", "300.00")
                        .entry("1000", "6200", "100.00") // a reversal
                        .entry("6300", "1000", "45.00")
                        .entry("6400:J:p1", "1000", "80.00")
                        .entry("6400:J:p1:M:m1", "1000", "20.00");

        PeriodReport report = report(march, new Movements(), List.of());

        assertThat(report.expenses().categories())
                .extracting(PeriodReport.CategoryLine::category, PeriodReport.CategoryLine::amount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("administrative", "13.00"),
                        org.assertj.core.groups.Tuple.tuple("legal", "200.00"),
                        org.assertj.core.groups.Tuple.tuple("accounting", "45.00"),
                        org.assertj.core.groups.Tuple.tuple("project", "100.00"));
        assertThat(report.expenses().total()).isEqualTo("358.00");
        assertThat(report.balance().netResult()).isEqualTo("642.00");
    }

    @Test
    void theBankOpensWithEverythingBeforeThePeriodAndClosesWithTheNetMovement() {
        Movements before =
                new Movements()
                        .entry("1000", "4000:M:m1", "500.00")
                        .entry("6100", "1000", "120.25")
                        .entry("1000", "2500:J:p1:M:m1", "70.00");
        Movements march =
                new Movements()
                        .entry("1000", "4100:S:acme", "10.00")
                        .entry("6300", "1000", "25.50")
                        .entry("1000", "2500:J:p1:M:m2", "40.00");

        PeriodReport.Balance balance = report(march, before, List.of()).balance();

        assertThat(balance.bankOpening()).isEqualTo("449.75");
        assertThat(balance.income()).isEqualTo("10.00");
        assertThat(balance.expenses()).isEqualTo("25.50");
        assertThat(balance.netResult()).isEqualTo("-15.50");
        assertThat(balance.bankClosing())
                .as("contributions held move the bank, not the result")
                .isEqualTo("474.25");
    }

    @Test
    void budgetAgainstActualComparesPledgesWithContributionsReceivedAndProjectExpensesToDate() {
        Movements before =
                new Movements()
                        .entry("1000", "2500:J:p1:M:m1", "300.00")
                        .entry("6400:J:p1", "1000", "50.00");
        Movements march =
                new Movements()
                        .entry("1000", "2500:J:p1:M:m1", "200.00")
                        .entry("1000", "2500:J:p1:M:m2", "150.00")
                        .entry("6400:J:p1", "1000", "120.00")
                        .entry("6400:J:p1:M:m2", "1000", "30.00")
                        .entry("6400:J:p2", "1000", "10.00");
        ProjectBudget p1 =
                new ProjectBudget(
                        "p1",
                        List.of(
                                new ProjectBudget.Pledge("m1", Money.of("1000.00", "EUR")),
                                new ProjectBudget.Pledge("m2", Money.of("500.00", "EUR")),
                                new ProjectBudget.Pledge("m3", Money.of("250.00", "EUR"))));
        ProjectBudget p3 =
                new ProjectBudget(
                        "p3", List.of(new ProjectBudget.Pledge("m1", Money.of("10.00", "EUR"))));

        List<PeriodReport.ProjectLine> projects = report(march, before, List.of(p1, p3)).projects();

        assertThat(projects)
                .extracting(PeriodReport.ProjectLine::project)
                .containsExactly("p1", "p2", "p3");
        PeriodReport.ProjectLine first = projects.get(0);
        assertThat(first.budgeted()).isTrue();
        assertThat(first.pledged()).isEqualTo("1750.00");
        assertThat(first.received()).isEqualTo("350.00");
        assertThat(first.receivedToDate()).isEqualTo("650.00");
        assertThat(first.spent()).isEqualTo("150.00");
        assertThat(first.spentToDate()).isEqualTo("200.00");
        assertThat(first.partners())
                .containsExactly(
                        new PeriodReport.PartnerLine("m1", "1000.00", "200.00", "500.00"),
                        new PeriodReport.PartnerLine("m2", "500.00", "150.00", "150.00"),
                        new PeriodReport.PartnerLine("m3", "250.00", "0.00", "0.00"));

        PeriodReport.ProjectLine unbudgeted = projects.get(1);
        assertThat(unbudgeted.budgeted()).as("actuals without a budget line").isFalse();
        assertThat(unbudgeted.pledged()).isNull();
        assertThat(unbudgeted.spent()).isEqualTo("10.00");
        assertThat(projects.get(2).spent()).isEqualTo("0.00");
    }

    @Test
    void inKindContributionsByMemberSourceAndProject() {
        Movements march =
                new Movements()
                        .entry("9000:M:m1", "9900:M:m1", "400.00")
                        .entry("9000:S:town-hall", "9900:S:town-hall", "1200.00")
                        .entry("9000:J:p1", "9900:J:p1", "75.25")
                        .entry("9000", "9900", "1.00");

        PeriodReport.InKind inKind = report(march, new Movements(), List.of()).inKind();

        assertThat(inKind.lines())
                .containsExactly(
                        new PeriodReport.InKindLine("unspecified", null, "9000", "1.00"),
                        new PeriodReport.InKindLine("project", "p1", "9000:J:p1", "75.25"),
                        new PeriodReport.InKindLine("member", "m1", "9000:M:m1", "400.00"),
                        new PeriodReport.InKindLine(
                                "source", "town-hall", "9000:S:town-hall", "1200.00"));
        assertThat(inKind.total()).isEqualTo("1676.25");
    }

    @Test
    void aSealedPeriodCarriesItsSeal() {
        SealInfo seal = new SealInfo("abc123", "prev999", Instant.parse("2026-04-01T08:00:00Z"));

        PeriodReport report =
                ReportAggregator.report(
                        MARCH, EUR, Map.of(), Map.of(), Optional.of(seal), List.of(), 0, NOW);

        assertThat(report.seal())
                .isEqualTo(new PeriodReport.Seal(true, "abc123", "prev999", seal.closedAt()));
        assertThat(report.income().total()).isEqualTo("0.00");
        assertThat(report.balance().bankClosing()).isEqualTo("0.00");
    }

    @Test
    void rollupsKeepRootsPartnerContributionsAndProjectExpenses() {
        assertThat(Rollups.keysOf("2500:J:p1:M:m1")).containsExactly("2500", "2500:J:p1:M:m1");
        assertThat(Rollups.keysOf("6400:J:p1:M:m1")).containsExactly("6400", "6400:J:p1");
        assertThat(Rollups.keysOf("4100:S:acme")).containsExactly("4100");
        assertThat(Rollups.keysOf("1000")).containsExactly("1000");
    }
}
