package coop.cluster.web.finance;

import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Expenses with four eyes: the list (by state), submitting one, approving one someone else
 * submitted (its own confirmation page; the API refuses the submitter, and its message is shown
 * next to the button), rejecting it, paying an approved one (its own confirmation page).
 */
@Controller
class ExpensesController {

    static final List<String> STATES = List.of("SUBMITTED", "APPROVED", "PAID", "REJECTED");
    static final List<String> CATEGORIES =
            List.of("ADMINISTRATIVE", "LEGAL", "ACCOUNTING", "PROJECT");
    static final int SIZE = 20;

    private final ExpensesApi expenses;

    ExpensesController(ExpensesApi expenses) {
        this.expenses = expenses;
    }

    /**
     * What the submission form typed; {@code key} makes a second send of the same form a replay.
     */
    record ExpenseForm(
            String category,
            String amount,
            String currency,
            String receiptReference,
            String payeeName,
            String description,
            String projectId,
            String key) {

        static ExpenseForm empty() {
            return new ExpenseForm(
                    "ADMINISTRATIVE", "", "EUR", "", "", "", "", UUID.randomUUID().toString());
        }
    }

    /** What the payment's confirmation typed. */
    record PaymentForm(String date, String reference) {}

    @GetMapping("/finance/expenses")
    String list(
            @AuthenticationPrincipal OidcUser user,
            @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String chosen = state != null && STATES.contains(state) ? state : null;
        model.addAttribute("state", chosen);
        model.addAttribute("states", STATES);
        model.addAttribute(
                "awaiting", FinanceIndexController.awaiting(expenses, user.getSubject()));
        model.addAttribute(
                "expenses",
                Panels.load(
                        "expenses", () -> expenses.list(chosen, Math.max(0, page), SIZE).toPage()));
        return "finance/expenses";
    }

    @GetMapping("/finance/expenses/new")
    String form(Model model) {
        model.addAttribute("form", ExpenseForm.empty());
        model.addAttribute("categories", CATEGORIES);
        return "finance/expense-form";
    }

    @PostMapping("/finance/expenses")
    String submit(
            @ModelAttribute("form") ExpenseForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String key =
                form.key() == null || form.key().isBlank()
                        ? UUID.randomUUID().toString()
                        : form.key();
        boolean project = "PROJECT".equals(form.category());
        Outcome<ExpensesApi.Expense> outcome =
                Panels.submit(
                        "expense-submit",
                        () ->
                                expenses.submit(
                                        Bodies.of(
                                                "category",
                                                form.category(),
                                                "amount",
                                                form.amount(),
                                                "currency",
                                                form.currency(),
                                                "receiptReference",
                                                form.receiptReference(),
                                                "payee",
                                                Bodies.of("name", form.payeeName()),
                                                "description",
                                                form.description(),
                                                "projectId",
                                                project ? form.projectId() : null),
                                        key));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("confirmation", "finance.expenses.submitted");
            return "redirect:/finance/expenses/" + FinanceIds.checked(outcome.data().id());
        }
        response.setStatus(outcome.problem().status());
        model.addAttribute("problem", outcome.problem());
        model.addAttribute("categories", CATEGORIES);
        return "finance/expense-form";
    }

    @GetMapping("/finance/expenses/{id}")
    String one(@AuthenticationPrincipal OidcUser user, @PathVariable String id, Model model) {
        return detail(user, FinanceIds.checked(id), model);
    }

    private String detail(OidcUser user, String id, Model model) {
        Panel<ExpensesApi.Expense> expense = Panels.load("expense", () -> expenses.one(id));
        model.addAttribute("expense", expense);
        model.addAttribute(
                "mine",
                !expense.unavailable() && user.getSubject().equals(expense.data().submittedBy()));
        return "finance/expense";
    }

    @GetMapping("/finance/expenses/{id}/approval")
    String approval(@AuthenticationPrincipal OidcUser user, @PathVariable String id, Model model) {
        return confirmation(user, FinanceIds.checked(id), "approve", model);
    }

    @PostMapping("/finance/expenses/{id}/approval")
    String approve(
            @AuthenticationPrincipal OidcUser user,
            @PathVariable String id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String checked = FinanceIds.checked(id);
        Outcome<ExpensesApi.Expense> outcome =
                Panels.submit("expense-approve", () -> expenses.approve(checked));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("confirmation", "finance.expenses.approved");
            return "redirect:/finance/expenses/" + checked;
        }
        response.setStatus(outcome.problem().status());
        model.addAttribute("problem", outcome.problem());
        return confirmation(user, checked, "approve", model);
    }

    @GetMapping("/finance/expenses/{id}/payment")
    String payment(@AuthenticationPrincipal OidcUser user, @PathVariable String id, Model model) {
        model.addAttribute("payment", new PaymentForm("", ""));
        return confirmation(user, FinanceIds.checked(id), "pay", model);
    }

    @PostMapping("/finance/expenses/{id}/payment")
    String pay(
            @AuthenticationPrincipal OidcUser user,
            @PathVariable String id,
            @ModelAttribute("payment") PaymentForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String checked = FinanceIds.checked(id);
        Outcome<ExpensesApi.Expense> outcome =
                Panels.submit(
                        "expense-pay",
                        () ->
                                expenses.pay(
                                        checked,
                                        Bodies.of(
                                                "date",
                                                form.date(),
                                                "reference",
                                                form.reference())));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("confirmation", "finance.expenses.paid");
            return "redirect:/finance/expenses/" + checked;
        }
        response.setStatus(outcome.problem().status());
        model.addAttribute("problem", outcome.problem());
        return confirmation(user, checked, "pay", model);
    }

    @PostMapping("/finance/expenses/{id}/rejection")
    String reject(
            @AuthenticationPrincipal OidcUser user,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String reason,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String checked = FinanceIds.checked(id);
        Outcome<ExpensesApi.Expense> outcome =
                Panels.submit("expense-reject", () -> expenses.reject(checked, reason));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("confirmation", "finance.expenses.rejected");
            return "redirect:/finance/expenses/" + checked;
        }
        response.setStatus(outcome.problem().status());
        model.addAttribute("problem", outcome.problem());
        model.addAttribute("reason", reason);
        return detail(user, checked, model);
    }

    private String confirmation(OidcUser user, String id, String act, Model model) {
        Panel<ExpensesApi.Expense> expense = Panels.load("expense", () -> expenses.one(id));
        model.addAttribute("expense", expense);
        model.addAttribute("act", act);
        model.addAttribute(
                "mine",
                !expense.unavailable() && user.getSubject().equals(expense.data().submittedBy()));
        return "finance/expense-confirm";
    }
}
