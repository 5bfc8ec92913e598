package coop.cluster.web.manage;

import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panels;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Machine clients of the identity service ({@code /api/identity/clients}): the list, a new feed
 * client (its secret shown this once), a new secret, and deleting one.
 */
@Controller
class ClientsController {

    private final ManageApi api;

    ClientsController(ManageApi api) {
        this.api = api;
    }

    @GetMapping("/manage/clients")
    String clients(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute(
                "clients", Panels.load("manage-clients", () -> api.clients(Math.max(0, page), 20)));
        model.addAttribute(
                "clientId",
                model.getAttribute("clientId") == null ? "" : model.getAttribute("clientId"));
        model.addAttribute(
                "feedId", model.getAttribute("feedId") == null ? "" : model.getAttribute("feedId"));
        return "manage/clients";
    }

    @PostMapping("/manage/clients")
    String create(
            @RequestParam(defaultValue = "") String clientId,
            @RequestParam(defaultValue = "") String feedId,
            Model model,
            HttpServletResponse response) {
        Outcome<ManageApi.ClientSecret> outcome =
                Panels.submit(
                        "manage-client-create",
                        () -> api.createClient(clientId.strip(), feedId.strip()));
        if (!outcome.succeeded()) {
            response.setStatus(outcome.problem().status());
            model.addAttribute("problem", outcome.problem());
            model.addAttribute("clientId", clientId);
            model.addAttribute("feedId", feedId);
            return clients(0, model);
        }
        return secret(outcome.data(), model, response);
    }

    @GetMapping("/manage/clients/{id}/{act:rotate|delete}")
    String confirm(@PathVariable String id, @PathVariable String act, Model model) {
        return confirmation(PeopleController.checked(id), act, model);
    }

    @PostMapping("/manage/clients/{id}/{act:rotate|delete}")
    String act(
            @PathVariable String id,
            @PathVariable String act,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        PeopleController.checked(id);
        if ("rotate".equals(act)) {
            Outcome<ManageApi.ClientSecret> outcome =
                    Panels.submit("manage-client-rotate", () -> api.rotateClient(id));
            if (outcome.succeeded()) {
                return secret(outcome.data(), model, response);
            }
            response.setStatus(outcome.problem().status());
            model.addAttribute("problem", outcome.problem());
            return confirmation(id, act, model);
        }
        Outcome<Void> outcome = Panels.submit("manage-client-delete", () -> api.deleteClient(id));
        if (!outcome.succeeded()) {
            response.setStatus(outcome.problem().status());
            model.addAttribute("problem", outcome.problem());
            return confirmation(id, act, model);
        }
        redirect.addFlashAttribute("done", "client-deleted");
        redirect.addFlashAttribute("doneName", id);
        return "redirect:/manage/clients";
    }

    private String secret(
            ManageApi.ClientSecret secret, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("headingKey", "manage.clients.secret.heading");
        model.addAttribute("subject", secret.clientId());
        model.addAttribute("secret", secret.clientSecret());
        model.addAttribute("back", "/manage/clients");
        return "manage/secret";
    }

    private String confirmation(String id, String act, Model model) {
        model.addAttribute(
                "confirmation",
                new Confirmation(
                        "manage.clients." + act + ".heading",
                        new Object[] {id},
                        "manage.clients." + act + ".consequence",
                        new Object[] {id},
                        "/manage/clients/" + id + "/" + act,
                        "manage.clients." + act + ".button",
                        "/manage/clients",
                        "none",
                        true,
                        null,
                        List.of(new Confirmation.Fact("manage.clients.clientId", id))));
        return "manage/confirm";
    }
}
