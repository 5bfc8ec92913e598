package coop.cluster.auth.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * The session cookie, read on every request but those of the API ({@code /api/**}): the API's
 * chains are stateless (bearer tokens), yet Spring MVC looks into any existing session on every
 * request (its flash attributes), and a browser that holds a login session and calls the API with a
 * token sends the cookie along. Without this, each such call would read the session from the store
 * and write its last access back, for nothing; with it, an API request has no session, neither the
 * browser's nor a new one.
 */
final class BrowserSessionIds implements HttpSessionIdResolver {

    static final String API = "/api/";

    private final CookieHttpSessionIdResolver cookies = new CookieHttpSessionIdResolver();

    BrowserSessionIds(CookieSerializer cookie) {
        cookies.setCookieSerializer(cookie);
    }

    @Override
    public List<String> resolveSessionIds(HttpServletRequest request) {
        return isApi(request) ? List.of() : cookies.resolveSessionIds(request);
    }

    @Override
    public void setSessionId(
            HttpServletRequest request, HttpServletResponse response, String sessionId) {
        cookies.setSessionId(request, response, sessionId);
    }

    @Override
    public void expireSession(HttpServletRequest request, HttpServletResponse response) {
        if (!isApi(request)) {
            cookies.expireSession(request, response);
        }
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + API);
    }
}
