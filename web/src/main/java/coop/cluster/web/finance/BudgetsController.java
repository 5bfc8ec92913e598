package coop.cluster.web.finance;

import coop.cluster.web.api.Panels;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Project budgets against actuals: pledged, received, spent, released, remaining, unfunded, per
 * project.
 */
@Controller
class BudgetsController {

    static final int SIZE = 20;

    private final BudgetsApi budgets;

    BudgetsController(BudgetsApi budgets) {
        this.budgets = budgets;
    }

    @GetMapping("/finance/budgets")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute(
                "budgets",
                Panels.load("budgets", () -> budgets.list(Math.max(0, page), SIZE).toPage()));
        return "finance/budgets";
    }
}
