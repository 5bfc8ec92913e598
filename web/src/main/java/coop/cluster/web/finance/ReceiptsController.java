package coop.cluster.web.finance;

import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panels;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Receipts: donations and grants received, in-kind contributions (lists by kind), and recording a
 * receipt.
 */
@Controller
class ReceiptsController {

    static final int SIZE = 20;

    /** The kinds recorded by this page's form (in-kind contributions are listed only). */
    static final List<String> RECORDED = List.of("donations", "grants");

    private final ReceiptsApi receipts;

    ReceiptsController(ReceiptsApi receipts) {
        this.receipts = receipts;
    }

    /**
     * What the form typed; {@code key} makes a second send of the same form a replay, never a
     * second receipt.
     */
    record ReceiptForm(
            String kind,
            String amount,
            String currency,
            String date,
            String sourceName,
            String sourceId,
            String programme,
            String projectId,
            String reference,
            String description,
            String key) {

        static ReceiptForm empty(String kind) {
            return new ReceiptForm(
                    kind, "", "EUR", "", "", "", "", "", "", "", UUID.randomUUID().toString());
        }
    }

    @GetMapping("/finance/receipts")
    String list(
            @RequestParam(defaultValue = "donations") String kind,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String chosen = ReceiptsApi.KINDS.contains(kind) ? kind : "donations";
        model.addAttribute("kind", chosen);
        model.addAttribute("kinds", ReceiptsApi.KINDS);
        model.addAttribute(
                "receipts",
                Panels.load(
                        "receipts", () -> receipts.list(chosen, Math.max(0, page), SIZE).toPage()));
        return "finance/receipts";
    }

    @GetMapping("/finance/receipts/new")
    String form(@RequestParam(defaultValue = "donations") String kind, Model model) {
        model.addAttribute("form", ReceiptForm.empty(RECORDED.contains(kind) ? kind : "donations"));
        model.addAttribute("kinds", RECORDED);
        return "finance/receipt-form";
    }

    @PostMapping("/finance/receipts")
    String record(
            @ModelAttribute("form") ReceiptForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String kind =
                form.kind() != null && RECORDED.contains(form.kind()) ? form.kind() : "donations";
        String key =
                form.key() == null || form.key().isBlank()
                        ? UUID.randomUUID().toString()
                        : form.key();
        boolean grant = "grants".equals(kind);
        String sourceId =
                form.sourceId() == null || form.sourceId().isBlank()
                        ? form.sourceName()
                        : form.sourceId();
        Outcome<ReceiptsApi.Receipt> outcome =
                Panels.submit(
                        "receipt-record",
                        () ->
                                receipts.record(
                                        kind,
                                        Bodies.of(
                                                "amount",
                                                form.amount(),
                                                "currency",
                                                form.currency(),
                                                "date",
                                                form.date(),
                                                "source",
                                                Bodies.of(
                                                        "id", sourceId, "name", form.sourceName()),
                                                "programme",
                                                grant ? form.programme() : null,
                                                "projectId",
                                                grant ? form.projectId() : null,
                                                "reference",
                                                form.reference(),
                                                "description",
                                                form.description()),
                                        key));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("confirmation", "finance.receipts.recorded");
            redirect.addFlashAttribute("recordedSequence", outcome.data().sequence());
            return "redirect:/finance/receipts?kind=" + kind;
        }
        response.setStatus(outcome.problem().status());
        model.addAttribute("problem", outcome.problem());
        model.addAttribute("kinds", RECORDED);
        return "finance/receipt-form";
    }
}
