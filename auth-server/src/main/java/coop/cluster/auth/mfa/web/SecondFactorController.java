package coop.cluster.auth.mfa.web;

import coop.cluster.auth.login.LoginFailed;
import coop.cluster.auth.login.LoginFailures;
import coop.cluster.auth.mfa.MfaProperties;
import coop.cluster.auth.mfa.SecondFactorPolicy;
import coop.cluster.auth.mfa.SecondFactors;
import coop.cluster.auth.mfa.Totp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second-factor pages, after the password, for people who need one ({@link
 * SecondFactorPolicy}): {@code GET /mfa} shows the enrolment page to a person without a confirmed
 * secret (the secret as text and as an {@code otpauth://} URI for authenticator apps) and the code
 * page to the others; {@code POST /mfa} checks the code ({@link SecondFactors}: once per code,
 * locked after {@code max-failures} wrong ones), adds the {@link SecondFactorPolicy#TOTP_AUTHORITY}
 * factor to the login, and resumes the request that needed it (the authorization request of the
 * OAuth flow).
 */
@Controller
@RequestMapping("/mfa")
class SecondFactorController {

    static final String PATH = "/mfa";

    private final SecondFactors factors;
    private final SecondFactorPolicy policy;
    private final MfaProperties properties;
    private final LoginFailures failures;
    private final Clock clock;
    private final RequestCache requests = new HttpSessionRequestCache();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SecondFactorController(
            SecondFactors factors,
            SecondFactorPolicy policy,
            MfaProperties properties,
            LoginFailures failures,
            Clock clock) {
        this.factors = factors;
        this.policy = policy;
        this.properties = properties;
        this.failures = failures;
        this.clock = clock;
    }

    @GetMapping
    String page(
            Authentication login,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (!policy.requires(login) || SecondFactorPolicy.secondFactorGiven(login)) {
            return "redirect:" + next(request, response);
        }
        return show(login, model, null);
    }

    @PostMapping
    String code(
            @RequestParam(name = "code", defaultValue = "") String code,
            Authentication login,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (!policy.requires(login) || SecondFactorPolicy.secondFactorGiven(login)) {
            return "redirect:" + next(request, response);
        }
        SecondFactors.Outcome outcome =
                factors.check(login.getName(), code.replace(" ", "").trim());
        if (outcome != SecondFactors.Outcome.ACCEPTED) {
            failures.record(login.getName(), request.getRemoteAddr(), LoginFailed.SECOND_FACTOR);
            boolean locked = outcome == SecondFactors.Outcome.LOCKED;
            response.setStatus(locked ? 429 : 400);
            return show(
                    login,
                    model,
                    locked
                            ? "locked"
                            : outcome == SecondFactors.Outcome.REUSED ? "reused" : "wrong");
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SecondFactorPolicy.withSecondFactor(login, clock.instant()));
        SecurityContextHolder.setContext(context);
        request.changeSessionId(); // a new session id for the stronger login
        contexts.saveContext(context, request, response);
        return "redirect:" + next(request, response);
    }

    /**
     * The QR code of the enrolment's {@code otpauth://} URI, for the enrolment page's image; 404
     * once the factor is confirmed (the secret is never shown again).
     */
    @GetMapping("/qr.svg")
    org.springframework.http.ResponseEntity<String> qr(Authentication login) {
        SecondFactors.SecondFactor factor = factors.find(login.getName()).orElse(null);
        if (factor == null || factor.confirmed()) {
            return org.springframework.http.ResponseEntity.notFound().build();
        }
        return org.springframework.http.ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .contentType(org.springframework.http.MediaType.valueOf("image/svg+xml"))
                .body(
                        QrSvg.of(
                                otpauthUri(
                                        properties.issuerName(),
                                        login.getName(),
                                        factor.secret())));
    }

    private String show(Authentication login, Model model, String error) {
        model.addAttribute("error", error);
        SecondFactors.SecondFactor factor = factors.find(login.getName()).orElse(null);
        if (factor != null && factor.confirmed()) {
            return "mfa/code";
        }
        String secret = factor != null ? factor.secret() : factors.startEnrolment(login.getName());
        model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("uri", otpauthUri(properties.issuerName(), login.getName(), secret));
        return "mfa/enrol";
    }

    /**
     * The key URI authenticator apps read (Google Authenticator's format, which the others follow).
     */
    static String otpauthUri(String issuer, String account, String secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/"
                + label
                + "?secret="
                + secret
                + "&issuer="
                + encode(issuer)
                + "&algorithm=SHA1&digits="
                + Totp.DIGITS
                + "&period="
                + Totp.STEP_SECONDS;
    }

    private String next(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requests.getRequest(request, response);
        if (saved == null) {
            return "/";
        }
        requests.removeRequest(request, response);
        return saved.getRedirectUrl();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
