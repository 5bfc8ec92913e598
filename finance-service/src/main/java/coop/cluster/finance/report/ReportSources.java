package coop.cluster.finance.report;

import coop.cluster.finance.budget.ProjectBudgets;
import coop.cluster.finance.ledger.ClosedPeriod;
import coop.cluster.finance.period.Periods;
import coop.cluster.finance.report.domain.ProjectBudget;
import coop.cluster.finance.report.domain.ReportPeriod;
import coop.cluster.finance.report.domain.SealInfo;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reports' two ports wired to the features that hold the figures: the seals of the closed
 * periods and the partners' pledges of the project budgets.
 */
@Configuration(proxyBeanMethods = false)
class ReportSources {

    /**
     * A report's period is sealed once the ledger is closed through its last day (a month inside a
     * closed quarter, a year whose December is closed...). Its seal is that of the closing which
     * covers its last day: that hash chains to every earlier closing, so it stands for the whole
     * period.
     */
    @Bean
    PeriodSeals periodSeals(Periods periods) {
        return periodId -> {
            LocalDate to = ReportPeriod.parse(periodId).to();
            for (ClosedPeriod closing : periods.closedPeriods()) {
                if (!closing.seal().from().isAfter(to) && !closing.seal().to().isBefore(to)) {
                    return Optional.of(
                            new SealInfo(
                                    closing.seal().hash(),
                                    closing.seal().previousHash(),
                                    closing.closedAt()));
                }
            }
            return Optional.empty();
        };
    }

    /**
     * The budgets opened by the end of the period, with each partner's pledge. Only those: a sealed
     * period's report is final, so what it shows may not change when a budget is opened later.
     */
    @Bean
    ProjectBudgetFigures projectBudgetFigures(ProjectBudgets budgets) {
        return (from, to) ->
                budgets.all().stream()
                        .filter(
                                budget ->
                                        !budget.openedAt()
                                                .atZone(ZoneOffset.UTC)
                                                .toLocalDate()
                                                .isAfter(to))
                        .map(
                                budget ->
                                        new ProjectBudget(
                                                budget.projectId(),
                                                budget.title(),
                                                budget.partners().stream()
                                                        .map(
                                                                partner ->
                                                                        new ProjectBudget.Pledge(
                                                                                partner.memberId(),
                                                                                partner.pledged()))
                                                        .toList()))
                        .toList();
    }
}
