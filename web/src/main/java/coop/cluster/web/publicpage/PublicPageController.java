package coop.cluster.web.publicpage;

import coop.cluster.web.WebProperties;
import coop.cluster.web.api.Panel;
import coop.cluster.web.api.Panels;
import coop.cluster.web.api.SignInAgain;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The visitors' page: what the cluster is, its active members who chose to be listed (paginated),
 * its published reports, and the ways in (sign in; create an account to apply). The lists come from
 * the gateway's anonymous API ({@code /api/public/**}); each degrades on its own. A signed-in
 * person goes to their home.
 */
@Controller
class PublicPageController {

    private static final Logger log = LoggerFactory.getLogger(PublicPageController.class);
    static final int MEMBERS_PER_PAGE = 12;

    private final PublicApi api;
    private final WebProperties properties;

    PublicPageController(PublicApi api, WebProperties properties) {
        this.api = api;
        this.properties = properties;
    }

    @GetMapping("/")
    String publicPage(
            Authentication authentication,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        if (authentication instanceof OAuth2AuthenticationToken) {
            return "redirect:/home";
        }
        int from = Math.max(0, Math.min(page, 1000));
        model.addAttribute(
                "members", anonymous("public-members", () -> api.members(from, MEMBERS_PER_PAGE)));
        model.addAttribute("reports", anonymous("public-reports", () -> api.reports(6)));
        model.addAttribute("signUpUrl", properties.issuer() + "/sign-up");
        return "public";
    }

    /**
     * A visitor has nobody to sign in again: a 401 from the anonymous API only means the panel is
     * unavailable.
     */
    private static <T> Panel<T> anonymous(String name, Supplier<T> call) {
        try {
            return Panels.load(name, call);
        } catch (SignInAgain e) {
            log.warn(
                    "panel {} unavailable: the anonymous API asked for a login ({})",
                    name,
                    e.getCause().toString());
            return Panel.failed();
        }
    }
}
