package coop.cluster.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.web.http.CookieSerializer;

/**
 * The session cookie: HttpOnly and SameSite=Lax by default, Secure when the request came over TLS
 * or when {@code server.servlet.session.cookie.secure} says so (TLS ended at a proxy), and the API
 * ignores it.
 */
class SessionCookieTest {

    private static String setCookie(ServerProperties server, boolean overTls) {
        CookieSerializer serializer = new SessionConfiguration().sessionCookie(server);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
        request.setSecure(overTls);
        MockHttpServletResponse response = new MockHttpServletResponse();
        serializer.writeCookieValue(
                new CookieSerializer.CookieValue(request, response, "a-session-id"));
        return response.getHeader("Set-Cookie");
    }

    @Test
    void httpOnlyAndLaxByDefaultSecureOverTls() {
        ServerProperties server = new ServerProperties();

        assertThat(setCookie(server, false))
                .startsWith("SESSION=")
                .contains("Path=/", "HttpOnly", "SameSite=Lax")
                .doesNotContain("Secure")
                .doesNotContain("Max-Age");
        assertThat(setCookie(server, true)).contains("Secure", "HttpOnly", "SameSite=Lax");
    }

    @Test
    void secureWhenConfiguredBehindAProxyThatEndsTls() {
        ServerProperties server = new ServerProperties();
        Cookie cookie = server.getServlet().getSession().getCookie();
        cookie.setSecure(true);
        cookie.setName("__Host-issuer");
        cookie.setSameSite(Cookie.SameSite.STRICT);

        assertThat(setCookie(server, false))
                .startsWith("__Host-issuer=")
                .contains("Secure", "HttpOnly", "SameSite=Strict");
    }

    @Test
    void apiRequestsCarryNoSession() {
        BrowserSessionIds ids =
                new BrowserSessionIds(
                        new SessionConfiguration().sessionCookie(new ServerProperties()));
        MockHttpServletRequest api = new MockHttpServletRequest("GET", "/api/identity/me");
        api.setCookies(new jakarta.servlet.http.Cookie("SESSION", "YS1zZXNzaW9uLWlk"));
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/mfa");
        page.setCookies(new jakarta.servlet.http.Cookie("SESSION", "YS1zZXNzaW9uLWlk"));

        assertThat(ids.resolveSessionIds(api)).isEmpty();
        assertThat(ids.resolveSessionIds(page)).containsExactly("a-session-id");
    }
}
