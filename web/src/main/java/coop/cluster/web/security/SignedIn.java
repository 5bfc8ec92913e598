package coop.cluster.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page's header what it needs: whether to show "sign out" or "sign in", and the
 * signed-in {@link Person} (its roles choose the navigation's entries; the API decides rights).
 */
@ControllerAdvice
class SignedIn {

    @ModelAttribute("signedIn")
    boolean signedIn(Authentication authentication) {
        return authentication instanceof OAuth2AuthenticationToken;
    }

    /** The page's path, so that the navigation marks where the person is ({@code aria-current}). */
    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** The page's query string ("" if none), so that pagers keep a search's filters. */
    @ModelAttribute("currentQuery")
    String currentQuery(HttpServletRequest request) {
        return request.getQueryString() == null ? "" : request.getQueryString();
    }

    @ModelAttribute("navigation")
    List<Navigation.Entry> navigation(Authentication authentication) {
        return Navigation.entries(person(authentication));
    }

    @ModelAttribute("person")
    Person person(Authentication authentication) {
        return authentication instanceof OAuth2AuthenticationToken token
                        && token.getPrincipal() instanceof OidcUser user
                ? Person.of(user)
                : null;
    }
}
