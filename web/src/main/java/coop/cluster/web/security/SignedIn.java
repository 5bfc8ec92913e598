package coop.cluster.web.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells every page's header whether to show "sign out" or "sign in". */
@ControllerAdvice
class SignedIn {

    @ModelAttribute("signedIn")
    boolean signedIn(Authentication authentication) {
        return authentication instanceof OAuth2AuthenticationToken;
    }
}
