package coop.cluster.web.invoice;

import coop.cluster.web.api.Panels;
import coop.cluster.web.security.Person;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** My organisation's fee invoices (cotisations) and their payments, newest fee year first. */
@Controller
class InvoicesController {

    static final int PAGE_SIZE = 20;
    static final List<String> STATUSES =
            List.of("OPEN", "PARTIALLY_PAID", "OVERDUE", "PAID", "OVERPAID", "EXEMPT");

    private final InvoiceApi api;

    InvoicesController(InvoiceApi api) {
        this.api = api;
    }

    @GetMapping("/invoices")
    String invoices(
            @AuthenticationPrincipal OidcUser user,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        if (!Person.of(user).hasOrganisation()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String filter = status != null && STATUSES.contains(status) ? status : null;
        int from = Math.max(0, Math.min(page, 100_000));
        model.addAttribute("status", filter);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute(
                "invoices", Panels.load("invoices", () -> api.invoices(filter, from, PAGE_SIZE)));
        return "invoices/list";
    }
}
