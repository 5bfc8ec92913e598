package coop.cluster.web.organisation;

import coop.cluster.web.api.ApiProblem;
import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import coop.cluster.web.security.Person;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My organisation: its profile, and the form to edit it. The form carries the version read; when
 * someone else saved meanwhile the API answers 412, and the form comes back with what was typed and
 * the values stored now beside it.
 */
@Controller
class OrganisationController {

    static final List<String> TYPES =
            List.of("SME", "LARGE_COMPANY", "RESEARCH", "EDUCATION", "ASSOCIATION", "PUBLIC_BODY");
    static final List<String> SIZES = List.of("MICRO", "SMALL", "MEDIUM", "LARGE");
    static final List<String> RESOURCES =
            List.of("PREMISES", "EQUIPMENT", "EXPERTISE", "SERVICES", "CONTACTS");

    private final OrganisationApi api;

    OrganisationController(OrganisationApi api) {
        this.api = api;
    }

    /** A country for the form's list: its code and its name in the reader's language. */
    record Country(String code, String name) {}

    @ModelAttribute
    void choices(Model model, Locale locale) {
        model.addAttribute("types", TYPES);
        model.addAttribute("sizes", SIZES);
        model.addAttribute("resourceTypes", RESOURCES);
        model.addAttribute(
                "countries",
                Arrays.stream(Locale.getISOCountries())
                        .map(
                                code ->
                                        new Country(
                                                code,
                                                Locale.of("", code).getDisplayCountry(locale)))
                        .sorted(Comparator.comparing(Country::name))
                        .toList());
    }

    @GetMapping("/organisation")
    String show(@AuthenticationPrincipal OidcUser user, Model model) {
        Person person = member(user);
        model.addAttribute(
                "organisation", Panels.load("organisation", () -> api.member(person.memberId())));
        return "organisation/show";
    }

    @GetMapping("/organisation/edit")
    String edit(@AuthenticationPrincipal OidcUser user, Model model) {
        Person person = member(user);
        Panel<OrganisationApi.Versioned> read =
                Panels.load("organisation", () -> api.member(person.memberId()));
        model.addAttribute("organisation", read);
        if (!read.unavailable()) {
            model.addAttribute("form", ProfileForm.of(read.data()));
        }
        return "organisation/edit";
    }

    @PostMapping("/organisation/edit")
    String save(
            @AuthenticationPrincipal OidcUser user,
            @ModelAttribute("form") ProfileForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Person person = member(user);
        Outcome<OrganisationApi.Versioned> outcome =
                Panels.submit(
                        "organisation-profile",
                        () ->
                                api.replaceProfile(
                                        person.memberId(), form.getVersion(), form.toProfile()));
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("saved", true);
            return "redirect:/organisation";
        }
        ApiProblem problem = outcome.problem();
        response.setStatus(problem.status());
        model.addAttribute("problem", problem);
        model.addAttribute("organisation", Panel.of(null));
        if (problem.status() == HttpStatus.PRECONDITION_FAILED.value()) {
            Panel<OrganisationApi.Versioned> current =
                    Panels.load("organisation", () -> api.member(person.memberId()));
            if (!current.unavailable()) {
                model.addAttribute("current", current.data().member().profile());
                // saving again, after comparing, applies what is typed over what is stored now
                form.setVersion(current.data().version());
            }
        }
        model.addAttribute("form", form.withBlankRows());
        return "organisation/edit";
    }

    private static Person member(OidcUser user) {
        Person person = Person.of(user);
        if (!person.hasOrganisation()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return person;
    }
}
