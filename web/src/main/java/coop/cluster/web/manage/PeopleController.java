package coop.cluster.web.manage;

import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The cluster's people (identity API, {@code /api/identity/people}): the list, inviting a person
 * with roles to an organisation, the pending invitations (cancel), and removing a person from their
 * organisation.
 */
@Controller
class PeopleController {

    /**
     * Person and client ids of the identity service: letters, digits, dots, underscores, dashes.
     */
    static final Pattern IDENTITY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static final List<String> ROLES = List.of("member", "admin");

    private final ManageApi api;

    PeopleController(ManageApi api) {
        this.api = api;
    }

    /** What a manager typed to invite someone, kept when the API refuses it. */
    record InviteForm(
            String email,
            String displayName,
            String language,
            String memberId,
            List<String> roles) {

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email", email.strip());
            body.put("displayName", displayName.isBlank() ? null : displayName.strip());
            body.put("language", "en".equals(language) ? "en" : "fr");
            body.put("memberId", memberId.isBlank() ? null : memberId);
            body.put("roles", roles);
            return body;
        }
    }

    @GetMapping("/manage/people")
    String people(@RequestParam(defaultValue = "0") int page, Model model) {
        return show(page, new InviteForm("", "", "fr", "", List.of("member")), model);
    }

    @PostMapping("/manage/people/invitations")
    String invite(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "fr") String language,
            @RequestParam(defaultValue = "") String memberId,
            @RequestParam(required = false) List<String> roles,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        List<String> chosen =
                roles == null ? List.of() : roles.stream().filter(ROLES::contains).toList();
        InviteForm form = new InviteForm(email, displayName, language, memberId, chosen);
        Outcome<ManageApi.Invitation> outcome =
                Panels.submit("manage-invite", () -> api.invite(form.body()));
        if (!outcome.succeeded()) {
            response.setStatus(outcome.problem().status());
            model.addAttribute("problem", outcome.problem());
            return show(0, form, model);
        }
        redirect.addFlashAttribute("done", outcome.data().sent() ? "invited" : "invitedNotSent");
        redirect.addFlashAttribute("doneName", outcome.data().email());
        return "redirect:/manage/people";
    }

    @GetMapping("/manage/people/{id}/remove")
    String confirmRemoval(
            @PathVariable String id, @RequestParam(defaultValue = "") String email, Model model) {
        return removal(checked(id), email, model);
    }

    @PostMapping("/manage/people/{id}/remove")
    String remove(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String email,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        checked(id);
        Outcome<Void> outcome =
                Panels.submit("manage-person-remove", () -> api.removeFromOrganisation(id));
        if (!outcome.succeeded()) {
            response.setStatus(outcome.problem().status());
            model.addAttribute("problem", outcome.problem());
            return removal(id, email, model);
        }
        redirect.addFlashAttribute("done", "person-removed");
        redirect.addFlashAttribute("doneName", email.isBlank() ? id : email);
        return "redirect:/manage/people";
    }

    @PostMapping("/manage/people/invitations/{id}/cancel")
    String cancel(@PathVariable String id, RedirectAttributes redirect) {
        checked(id);
        Outcome<Void> outcome =
                Panels.submit("manage-invitation-cancel", () -> api.cancelInvitation(id));
        redirect.addFlashAttribute(
                "done", outcome.succeeded() ? "invitation-cancelled" : "invitation-not-cancelled");
        redirect.addFlashAttribute("doneName", "");
        return "redirect:/manage/people";
    }

    private String show(int page, InviteForm form, Model model) {
        model.addAttribute(
                "people", Panels.load("manage-people", () -> api.people(Math.max(0, page), 20)));
        model.addAttribute(
                "invitations", Panels.load("manage-invitations", () -> api.invitations(0, 20)));
        Panel<Map<String, String>> names = Panels.load("manage-member-names", api::memberNames);
        model.addAttribute("names", names.unavailable() ? Map.of() : names.data());
        model.addAttribute("form", form);
        model.addAttribute("roles", ROLES);
        return "manage/people";
    }

    private String removal(String id, String email, Model model) {
        String who = email.isBlank() ? id : email;
        model.addAttribute(
                "confirmation",
                new Confirmation(
                        "manage.people.remove.heading",
                        new Object[] {who},
                        "manage.people.remove.consequence",
                        new Object[] {who},
                        "/manage/people/"
                                + id
                                + "/remove?email="
                                + java.net.URLEncoder.encode(
                                        email, java.nio.charset.StandardCharsets.UTF_8),
                        "manage.people.remove.button",
                        "/manage/people",
                        "none",
                        true,
                        null,
                        List.of()));
        return "manage/confirm";
    }

    static String checked(String id) {
        if (!IDENTITY_ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }
}
