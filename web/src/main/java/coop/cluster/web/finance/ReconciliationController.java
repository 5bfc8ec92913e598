package coop.cluster.web.finance;

import coop.cluster.web.api.ApiProblem;
import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panels;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Bank reconciliation: import a camt.053 (XML) or CSV statement (the file goes to the API as
 * multipart), the statements imported, and a statement's matches and gaps (lines without an entry,
 * entries without a line, the balance check and what makes it differ).
 */
@Controller
class ReconciliationController {

    static final int SIZE = 20;

    private final ReconciliationApi reconciliation;

    ReconciliationController(ReconciliationApi reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** The CSV's parameters (a camt.053 file carries its own). */
    record StatementForm(
            String closingBalance,
            String openingBalance,
            String closingDate,
            String statementId,
            String account) {

        static StatementForm empty() {
            return new StatementForm("", "", "", "", "");
        }

        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("closingBalance", closingBalance);
            fields.put("openingBalance", openingBalance);
            fields.put("closingDate", closingDate);
            fields.put("statementId", statementId);
            fields.put("account", account);
            return fields;
        }
    }

    @GetMapping("/finance/reconciliation")
    String page(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("form", StatementForm.empty());
        return render(page, model);
    }

    @PostMapping("/finance/reconciliation")
    String upload(
            @RequestParam(name = "file", required = false) MultipartFile file,
            @ModelAttribute("form") StatementForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Outcome<ReconciliationApi.Imported> outcome =
                file == null || file.isEmpty()
                        ? Outcome.refused(
                                new ApiProblem(
                                        400,
                                        "statement-file-missing",
                                        "",
                                        Map.of("file", "must not be empty")))
                        : Panels.submit(
                                "statement-import",
                                () -> reconciliation.upload(file, form.fields()));
        if (outcome.succeeded() && outcome.data() != null && outcome.data().first() != null) {
            redirect.addFlashAttribute("confirmation", "finance.reconciliation.imported");
            return "redirect:/finance/reconciliation/" + FinanceIds.checked(outcome.data().first());
        }
        ApiProblem problem = outcome.succeeded() ? ApiProblem.unavailable() : outcome.problem();
        response.setStatus(problem.status());
        model.addAttribute("problem", problem);
        return render(0, model);
    }

    @GetMapping("/finance/reconciliation/{id}")
    String statement(@PathVariable String id, Model model) {
        String checked = FinanceIds.checked(id);
        model.addAttribute(
                "statement", Panels.load("statement", () -> reconciliation.one(checked)));
        return "finance/statement";
    }

    @PostMapping("/finance/reconciliation/{id}/matching")
    String match(
            @PathVariable String id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String checked = FinanceIds.checked(id);
        Outcome<ReconciliationApi.Statement> outcome =
                Panels.submit("statement-match", () -> reconciliation.match(checked));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("confirmation", "finance.reconciliation.matched");
            return "redirect:/finance/reconciliation/" + checked;
        }
        response.setStatus(outcome.problem().status());
        model.addAttribute("problem", outcome.problem());
        return statement(checked, model);
    }

    private String render(int page, Model model) {
        model.addAttribute(
                "statements",
                Panels.load(
                        "statements", () -> reconciliation.list(Math.max(0, page), SIZE).toPage()));
        return "finance/reconciliation";
    }
}
