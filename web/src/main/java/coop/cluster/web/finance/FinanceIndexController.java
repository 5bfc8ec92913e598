package coop.cluster.web.finance;

import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The finance staff's index: what needs them first (expenses someone else submitted, awaiting their
 * approval; statements with lines or entries left unmatched; the next month to close), then each
 * section.
 */
@Controller
class FinanceIndexController {

    private final ExpensesApi expenses;
    private final ReconciliationApi reconciliation;
    private final PeriodsApi periods;
    private final Clock clock = Clock.systemUTC();

    FinanceIndexController(
            ExpensesApi expenses, ReconciliationApi reconciliation, PeriodsApi periods) {
        this.expenses = expenses;
        this.reconciliation = reconciliation;
        this.periods = periods;
    }

    /** The month to close next, when one has ended. */
    record ToClose(String periodId, LocalDate from, LocalDate to) {}

    @GetMapping("/finance")
    String index(@AuthenticationPrincipal OidcUser user, Model model) {
        model.addAttribute("awaiting", awaiting(expenses, user.getSubject()));
        model.addAttribute(
                "statements",
                Panels.load(
                        "statements-with-gaps",
                        () ->
                                reconciliation.list(0, 20).items().stream()
                                        .filter(ReconciliationApi.StatementSummary::hasGaps)
                                        .toList()));
        Panel<PeriodsApi.Closings> closings = Panels.load("periods", () -> periods.list(0, 1));
        model.addAttribute(
                "toClose",
                closings.unavailable()
                        ? Panel.failed()
                        : Panel.of(toClose(closings.data().closedThrough(), LocalDate.now(clock))));
        return "finance/index";
    }

    /**
     * The htmx-polled list of expenses awaiting this person's approval (index and expenses pages).
     */
    @GetMapping("/finance/expenses/awaiting")
    String awaitingFragment(@AuthenticationPrincipal OidcUser user, Model model) {
        model.addAttribute("awaiting", awaiting(expenses, user.getSubject()));
        return "finance/fragments :: awaiting";
    }

    static Panel<List<ExpensesApi.Expense>> awaiting(ExpensesApi expenses, String subject) {
        return Panels.load(
                "expenses-awaiting",
                () ->
                        expenses.list("SUBMITTED", 0, 100).items().stream()
                                .filter(expense -> expense.awaitsApprovalBy(subject))
                                .toList());
    }

    /**
     * The month after the last closed day (or last month when nothing is closed), if it has ended;
     * else null.
     */
    static ToClose toClose(LocalDate closedThrough, LocalDate today) {
        YearMonth next =
                closedThrough == null
                        ? YearMonth.from(today).minusMonths(1)
                        : YearMonth.from(closedThrough.plusDays(1));
        if (!next.atEndOfMonth().isBefore(today)) {
            return null;
        }
        return new ToClose(next.toString(), next.atDay(1), next.atEndOfMonth());
    }
}
