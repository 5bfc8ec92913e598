package coop.cluster.web.finance;

import coop.cluster.web.api.ApiProblem;
import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Periods: the closed periods and their seals, closing and sealing one (its own confirmation page:
 * a sealed period is final), and the verification of the seal chain.
 */
@Controller
class PeriodsController {

    /** A month ({@code 2026-11}) or a quarter ({@code 2026-Q4}), as the API names periods. */
    static final Pattern PERIOD = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])");

    static final int SIZE = 20;

    private final PeriodsApi periods;
    private final Clock clock = Clock.systemUTC();

    PeriodsController(PeriodsApi periods) {
        this.periods = periods;
    }

    @GetMapping("/finance/periods")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        return render(page, null, model);
    }

    @GetMapping("/finance/periods/verification")
    String verification(Model model) {
        model.addAttribute("verification", Panels.load("verification", periods::verify));
        return render(0, null, model);
    }

    /** The confirmation page before closing and sealing a period. */
    @GetMapping("/finance/periods/closing")
    String closing(
            @RequestParam(defaultValue = "") String period,
            Model model,
            HttpServletResponse response) {
        String id = period.strip().toUpperCase(java.util.Locale.ROOT);
        if (!PERIOD.matcher(id).matches()) {
            ApiProblem problem =
                    new ApiProblem(
                            400, "period-id-invalid", "", Map.of("period", "must match yyyy-MM"));
            response.setStatus(400);
            model.addAttribute("problem", problem);
            model.addAttribute("typed", period);
            return render(0, null, model);
        }
        return confirmation(id, model);
    }

    @PostMapping("/finance/periods/{id}/close")
    String close(
            @PathVariable String id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String checked = FinanceIds.checked(id);
        Outcome<PeriodsApi.Period> outcome =
                Panels.submit("period-close", () -> periods.close(checked));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("confirmation", "finance.periods.closed");
            redirect.addFlashAttribute("closedPeriod", outcome.data());
            return "redirect:/finance/periods";
        }
        response.setStatus(outcome.problem().status());
        model.addAttribute("problem", outcome.problem());
        return confirmation(checked, model);
    }

    private String confirmation(String id, Model model) {
        model.addAttribute("periodId", id);
        model.addAttribute("period", Panels.load("period", () -> periods.one(id)));
        return "finance/period-confirm";
    }

    private String render(int page, Object unused, Model model) {
        Panel<PeriodsApi.Closings> closings =
                Panels.load("periods", () -> periods.list(Math.max(0, page), SIZE));
        model.addAttribute("closings", closings);
        if (!closings.unavailable()) {
            PeriodsApi.Closings data = closings.data();
            long pages = Math.max(1, (data.total() + SIZE - 1) / SIZE);
            model.addAttribute(
                    "closingsPage",
                    new coop.cluster.web.api.ClusterApi.Page<>(
                            data.periods(),
                            new coop.cluster.web.api.ClusterApi.PageMetadata(
                                    SIZE, page, data.total(), pages)));
            model.addAttribute(
                    "toClose",
                    FinanceIndexController.toClose(data.closedThrough(), LocalDate.now(clock)));
        }
        return "finance/periods";
    }
}
