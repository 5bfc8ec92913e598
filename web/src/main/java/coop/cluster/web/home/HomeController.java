package coop.cluster.web.home;

import coop.cluster.web.api.ClusterApi;
import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import coop.cluster.web.call.CallApi;
import coop.cluster.web.invoice.InvoiceApi;
import coop.cluster.web.project.ProjectApi;
import coop.cluster.web.security.Person;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.server.ResponseStatusException;

/**
 * A signed-in person's home: what needs them first (invitations to answer, refreshed every 15 s;
 * agreement versions waiting for their organisation's signature; fee invoices to pay; funding calls
 * recommended; the next cut-offs of the calls they watch; for a manager, applications to admit),
 * then their organisation. Each panel is loaded on its own ({@link Panels}), so a service that is
 * down greys out its panel only.
 */
@Controller
class HomeController {

    /** Ids the console passes on to the API: letters, digits and dashes only. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final ClusterApi api;
    private final ProjectApi projects;
    private final InvoiceApi invoices;
    private final CallApi calls;

    HomeController(ClusterApi api, ProjectApi projects, InvoiceApi invoices, CallApi calls) {
        this.api = api;
        this.projects = projects;
        this.invoices = invoices;
        this.calls = calls;
    }

    @GetMapping("/home")
    String home(@AuthenticationPrincipal OidcUser user, Model model) {
        Person person = Person.of(user);
        model.addAttribute("person", person);
        if (person.hasOrganisation()) {
            model.addAttribute(
                    "organisation",
                    Panels.load("organisation", () -> api.member(person.memberId())));
            model.addAttribute("invitations", Panels.load("invitations", api::pendingInvitations));
            model.addAttribute(
                    "toSign",
                    Panels.load(
                            "agreements-to-sign",
                            () ->
                                    projects.mine(0, 50).content().stream()
                                            .filter(p -> p.awaitsSignatureOf(person.memberId()))
                                            .toList()));
            model.addAttribute("unpaid", Panels.load("unpaid-invoices", invoices::unpaid));
            model.addAttribute(
                    "recommended", Panels.load("recommended-calls", () -> calls.recommended(3)));
            model.addAttribute(
                    "deadlines", Panels.load("deadlines", () -> calls.upcomingDeadlines(10, 5)));
        }
        if (person.isManager()) {
            model.addAttribute("applications", Panels.load("applications", api::applications));
        }
        return "home";
    }

    /**
     * The invitations panel alone: the home page polls it (htmx) so that a new invitation shows
     * without reload.
     */
    @GetMapping("/home/invitations")
    String invitations(@AuthenticationPrincipal OidcUser user, Model model) {
        Person person = Person.of(user);
        if (!person.hasOrganisation()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("invitations", Panels.load("invitations", api::pendingInvitations));
        return "home :: invitations";
    }

    /**
     * Accepts or declines an invitation. With htmx the answer replaces the invitation's row;
     * without JavaScript the form posts and the person comes back to the home page.
     */
    @PostMapping("/invitations/{id}/{answer:accept|decline}")
    String answer(
            @PathVariable String id,
            @PathVariable String answer,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        if (!ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Panel<ClusterApi.Invitation> result =
                Panels.load("invitation-answer", () -> api.answer(id, "accept".equals(answer)));
        if (htmx == null) {
            return "redirect:/home";
        }
        model.addAttribute("result", result);
        model.addAttribute("accepted", "accept".equals(answer));
        return "fragments/invitation-answer :: answer";
    }
}
