package coop.cluster.auth.people.web;

import coop.cluster.auth.people.People;
import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Invitation;
import coop.cluster.auth.people.domain.Language;
import coop.cluster.auth.people.domain.PersonRuleViolation;
import coop.cluster.plumbing.web.ProblemException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The issuer's pages for the flows (Thymeleaf, {@code templates/}): the login form, accepting an
 * invitation, signing up and confirming, forgetting and resetting a password. Forms carry a CSRF
 * token and the page's language; no inline script or style. A link is only used by a form's POST,
 * never by opening it: mail scanners that open links would otherwise spend them. The login form
 * posts to Spring Security's {@code POST /login} (user name: the email).
 */
@Controller
class AccountPages {

    private static final int MIN_PASSWORD = 10;
    private static final int MAX_PASSWORD = 200;

    private final People people;

    AccountPages(People people) {
        this.people = people;
    }

    @GetMapping("/login")
    String login(Locale locale, Model model) {
        return page("login", locale, model);
    }

    @GetMapping("/invitations/accept")
    String invitation(@RequestParam(required = false) String token, Locale locale, Model model) {
        Optional<Invitation> invitation =
                token == null ? Optional.empty() : people.invitationOfLink(token);
        if (invitation.isEmpty()) {
            return page("link-invalid", locale, model);
        }
        model.addAttribute("token", token);
        model.addAttribute("email", invitation.get().email().value());
        model.addAttribute("displayName", invitation.get().displayName());
        return page("accept-invitation", locale, model);
    }

    @PostMapping("/invitations/accept")
    String accept(
            @RequestParam String token,
            @RequestParam String password,
            @RequestParam(required = false) String displayName,
            @RequestParam(required = false) String language,
            Locale locale,
            Model model) {
        if (!passwordFits(password)) {
            model.addAttribute("error", "password");
            return invitation(token, locale, model);
        }
        try {
            people.acceptInvitation(
                    token,
                    password,
                    blankToNull(displayName),
                    Language.fromCode(language).orElse(Language.of(locale)));
        } catch (ProblemException | PersonRuleViolation refused) {
            return page("link-invalid", locale, model);
        }
        return "redirect:/login?invited&lang=" + Language.of(locale).code();
    }

    @GetMapping("/sign-up")
    String signUpForm(Locale locale, Model model) {
        return page("sign-up", locale, model);
    }

    @PostMapping("/sign-up")
    String signUp(
            @RequestParam String email,
            @RequestParam String displayName,
            @RequestParam String password,
            @RequestParam(required = false) String language,
            Locale locale,
            Model model) {
        if (!Email.isValid(email)
                || displayName.isBlank()
                || displayName.length() > 120
                || !passwordFits(password)) {
            model.addAttribute("error", passwordFits(password) ? "fields" : "password");
            model.addAttribute("email", email);
            model.addAttribute("displayName", displayName);
            return page("sign-up", locale, model);
        }
        people.signUp(
                new Email(email),
                displayName.strip(),
                Language.fromCode(language).orElse(Language.of(locale)),
                password);
        return page("check-mail", locale, model);
    }

    @GetMapping("/sign-up/confirm")
    String confirmForm(@RequestParam(required = false) String token, Locale locale, Model model) {
        model.addAttribute("token", token);
        return page(token == null ? "link-invalid" : "confirm-sign-up", locale, model);
    }

    @PostMapping("/sign-up/confirm")
    String confirm(@RequestParam String token, Locale locale, Model model) {
        try {
            people.confirmSignUp(token);
        } catch (ProblemException | PersonRuleViolation refused) {
            return page("link-invalid", locale, model);
        }
        return "redirect:/login?confirmed&lang=" + Language.of(locale).code();
    }

    @GetMapping("/password/forgot")
    String forgotForm(Locale locale, Model model) {
        return page("forgot-password", locale, model);
    }

    @PostMapping("/password/forgot")
    String forgot(@RequestParam String email, Locale locale, Model model) {
        if (Email.isValid(email)) {
            people.requestPasswordReset(new Email(email));
        }
        return page("check-mail", locale, model);
    }

    @GetMapping("/password/reset")
    String resetForm(@RequestParam(required = false) String token, Locale locale, Model model) {
        model.addAttribute("token", token);
        return page(token == null ? "link-invalid" : "reset-password", locale, model);
    }

    @PostMapping("/password/reset")
    String reset(
            @RequestParam String token, @RequestParam String password, Locale locale, Model model) {
        if (!passwordFits(password)) {
            model.addAttribute("error", "password");
            return resetForm(token, locale, model);
        }
        try {
            people.completePasswordReset(token, password);
        } catch (ProblemException | PersonRuleViolation refused) {
            return page("link-invalid", locale, model);
        }
        return "redirect:/login?reset&lang=" + Language.of(locale).code();
    }

    private static String page(String name, Locale locale, Model model) {
        model.addAttribute("lang", Language.of(locale).code());
        return "people/" + name;
    }

    private static boolean passwordFits(String password) {
        return password != null
                && password.length() >= MIN_PASSWORD
                && password.length() <= MAX_PASSWORD;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
