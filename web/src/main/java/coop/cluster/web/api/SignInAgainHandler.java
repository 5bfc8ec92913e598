package coop.cluster.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Forgets the session (and its tokens) and starts a new login at the issuer. */
@ControllerAdvice
class SignInAgainHandler {

    @ExceptionHandler(SignInAgain.class)
    String signInAgain(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/oauth2/authorization/cluster";
    }
}
