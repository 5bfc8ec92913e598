package coop.cluster.web.publicpage;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The visitors' page: what the cluster is, and the way in. Its text is in the message bundles only; no service
 * has a public endpoint yet (the members who opted in, the published reports), so it shows none.
 */
@Controller
class PublicPageController {

    @GetMapping("/")
    String publicPage(Authentication authentication) {
        return authentication instanceof OAuth2AuthenticationToken ? "redirect:/home" : "public";
    }
}
