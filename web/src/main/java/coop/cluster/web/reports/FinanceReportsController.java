package coop.cluster.web.reports;

import coop.cluster.web.api.ApiProblem;
import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panels;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Finance staff's side of the public reports: a period's live draft, and its publication (its own
 * confirmation page: a report published for a sealed period is final).
 */
@Controller
class FinanceReportsController {

    private final ReportsApi reports;

    FinanceReportsController(ReportsApi reports) {
        this.reports = reports;
    }

    @GetMapping("/finance/reports")
    String index(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute(
                "reports",
                Panels.load(
                        "reports",
                        () ->
                                reports.published(Math.max(0, page), ReportsController.SIZE)
                                        .toPage()));
        return "reports/finance";
    }

    /** The form "see a period's draft" sends the period here. */
    @GetMapping("/finance/reports/draft")
    String draft(
            @RequestParam(defaultValue = "") String period,
            Model model,
            HttpServletResponse response) {
        String id = period.strip().toUpperCase(Locale.ROOT);
        if (!ReportIds.valid(id)) {
            response.setStatus(400);
            model.addAttribute(
                    "problem",
                    new ApiProblem(
                            400,
                            "report-period-invalid",
                            "",
                            Map.of("period", "must match yyyy-MM")));
            model.addAttribute("typed", period);
            return index(0, model);
        }
        return "redirect:/finance/reports/" + id;
    }

    @GetMapping("/finance/reports/{periodId}")
    String report(@PathVariable String periodId, Model model) {
        String id = ReportIds.checked(periodId);
        model.addAttribute("periodId", id);
        model.addAttribute("report", Panels.load("report", () -> reports.report(id)));
        model.addAttribute("formats", ReportsApi.FORMATS);
        return "reports/finance-report";
    }

    @GetMapping("/finance/reports/{periodId}/publication")
    String confirmation(@PathVariable String periodId, Model model) {
        String id = ReportIds.checked(periodId);
        model.addAttribute("periodId", id);
        model.addAttribute("report", Panels.load("report", () -> reports.report(id)));
        return "reports/publish-confirm";
    }

    @PostMapping("/finance/reports/{periodId}/publication")
    String publish(
            @PathVariable String periodId,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String id = ReportIds.checked(periodId);
        Outcome<ReportsApi.Report> outcome =
                Panels.submit("report-publish", () -> reports.publish(id));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("confirmation", "finance.public.published");
            return "redirect:/reports/" + id;
        }
        response.setStatus(outcome.problem().status());
        model.addAttribute("problem", outcome.problem());
        return confirmation(id, model);
    }
}
