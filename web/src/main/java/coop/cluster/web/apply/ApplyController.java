package coop.cluster.web.apply;

import coop.cluster.web.api.ApiProblem;
import coop.cluster.web.api.Outcome;
import coop.cluster.web.api.Panels;
import coop.cluster.web.security.Person;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Applying for membership: a person signed in without an organisation (after signing up at the
 * issuer) files their organisation's application ({@code POST /api/members/applications}). When the
 * cluster admits it, the issuer makes them their organisation's admin and member (docs/people.md),
 * and their next sign-in shows their organisation.
 */
@Controller
class ApplyController {

    static final List<String> TYPES =
            List.of("SME", "LARGE_COMPANY", "RESEARCH", "EDUCATION", "ASSOCIATION", "PUBLIC_BODY");
    static final List<String> SIZES = List.of("MICRO", "SMALL", "MEDIUM", "LARGE");

    /**
     * The clusters' usual countries first, then every other ISO 3166 country by its name in the
     * reader's language.
     */
    private static final List<String> FIRST_COUNTRIES = List.of("BE", "FR", "MA", "TN");

    private final RestClient api;

    ApplyController(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    @GetMapping("/apply")
    String form(@AuthenticationPrincipal OidcUser user, Model model, Locale locale) {
        if (Person.of(user).hasOrganisation()) {
            return "redirect:/organisation";
        }
        model.addAttribute("form", ApplicationForm.empty());
        return page(model, locale);
    }

    @PostMapping("/apply")
    String apply(
            @ModelAttribute("form") ApplicationForm form,
            Model model,
            Locale locale,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Outcome<Object> outcome =
                Panels.submit(
                        "application",
                        () ->
                                api.post()
                                        .uri("/api/members/applications")
                                        .body(form.body())
                                        .retrieve()
                                        .toBodilessEntity());
        if (outcome.succeeded()) {
            redirect.addFlashAttribute("applied", form.legalName().strip());
            return "redirect:/apply/filed";
        }
        ApiProblem problem = outcome.problem();
        response.setStatus(
                problem.status() >= 400 && problem.status() < 500
                        ? problem.status()
                        : HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("problem", problem);
        return page(model, locale);
    }

    @GetMapping("/apply/filed")
    String filed() {
        return "apply/filed";
    }

    private static String page(Model model, Locale locale) {
        model.addAttribute("types", TYPES);
        model.addAttribute("sizes", SIZES);
        model.addAttribute("countries", countries(locale));
        return "apply/form";
    }

    /** Country code → name, the four usual ones first. */
    static List<String[]> countries(Locale locale) {
        Comparator<String[]> byName = Comparator.comparing(c -> c[1]);
        Stream<String[]> first =
                FIRST_COUNTRIES.stream()
                        .map(c -> new String[] {c, Locale.of("", c).getDisplayCountry(locale)})
                        .sorted(byName);
        Stream<String[]> others =
                Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2).stream()
                        .filter(c -> !FIRST_COUNTRIES.contains(c))
                        .map(c -> new String[] {c, Locale.of("", c).getDisplayCountry(locale)})
                        .sorted(byName);
        return Stream.concat(first, others).toList();
    }
}
