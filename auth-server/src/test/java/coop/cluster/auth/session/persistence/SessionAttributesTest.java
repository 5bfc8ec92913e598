package coop.cluster.auth.session.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;

/**
 * Every kind of value the login flow keeps in a session survives the store's serialisation, and a
 * value of a class outside the allowed packages is refused on reading.
 */
class SessionAttributesTest {

    private final SessionAttributes attributes = new SessionAttributes(getClass().getClassLoader());

    private Object roundTrip(Object value) {
        return attributes.read("test", attributes.write("test", value));
    }

    @Test
    void aPasswordLoginWithBothFactors() {
        Instant password = Instant.parse("2026-01-10T09:00:00Z");
        List<GrantedAuthority> authorities =
                List.of(
                        new SimpleGrantedAuthority("ROLE_FINANCE"),
                        FactorGrantedAuthority.withAuthority(
                                        FactorGrantedAuthority.PASSWORD_AUTHORITY)
                                .issuedAt(password)
                                .build(),
                        FactorGrantedAuthority.withAuthority("FACTOR_TOTP")
                                .issuedAt(password.plusSeconds(20))
                                .build());
        User person = new User("farid", "{bcrypt}$2a$10$hash", authorities);
        person.eraseCredentials();
        UsernamePasswordAuthenticationToken login =
                UsernamePasswordAuthenticationToken.authenticated(person, null, authorities);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("192.0.2.7");
        login.setDetails(new WebAuthenticationDetails(request));
        SecurityContextImpl context = new SecurityContextImpl(login);

        SecurityContextImpl read = (SecurityContextImpl) roundTrip(context);

        assertThat(read).isEqualTo(context);
        assertThat(read.getAuthentication().getName()).isEqualTo("farid");
        assertThat(List.<GrantedAuthority>copyOf(read.getAuthentication().getAuthorities()))
                .isEqualTo(authorities);
        FactorGrantedAuthority totp =
                (FactorGrantedAuthority)
                        List.copyOf(read.getAuthentication().getAuthorities()).get(2);
        assertThat(totp.getIssuedAt()).isEqualTo(password.plusSeconds(20));
        assertThat(
                        ((WebAuthenticationDetails) read.getAuthentication().getDetails())
                                .getRemoteAddress())
                .isEqualTo("192.0.2.7");
    }

    @Test
    void anUpstreamLogin() throws java.net.MalformedURLException {
        Instant now = Instant.parse("2026-01-10T09:00:00Z");
        OidcIdToken idToken =
                new OidcIdToken(
                        "eyJ.upstream.token",
                        now,
                        now.plusSeconds(300),
                        Map.of(
                                "sub",
                                "kc-123",
                                "iss",
                                java.net.URI.create("http://keycloak:8180/realms/cluster").toURL(),
                                "aud",
                                List.of("cluster-issuer"),
                                "auth_time",
                                now,
                                "email",
                                "farid@demo.cluster.coop",
                                "email_verified",
                                true));
        OidcUserInfo userInfo =
                new OidcUserInfo(
                        Map.of(
                                "sub",
                                "kc-123",
                                "person_id",
                                "farid",
                                "upstream",
                                "keycloak",
                                "email",
                                "farid@demo.cluster.coop"));
        List<GrantedAuthority> authorities =
                List.of(
                        new SimpleGrantedAuthority("ROLE_FINANCE"),
                        FactorGrantedAuthority.withAuthority(
                                        FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY)
                                .issuedAt(now)
                                .build());
        DefaultOidcUser user = new DefaultOidcUser(authorities, idToken, userInfo, "person_id");
        SecurityContextImpl context =
                new SecurityContextImpl(
                        new OAuth2AuthenticationToken(user, authorities, "keycloak"));

        SecurityContextImpl read = (SecurityContextImpl) roundTrip(context);

        OAuth2AuthenticationToken login = (OAuth2AuthenticationToken) read.getAuthentication();
        assertThat(login.getName()).isEqualTo("farid");
        assertThat(login.getAuthorizedClientRegistrationId()).isEqualTo("keycloak");
        assertThat(List.<GrantedAuthority>copyOf(login.getAuthorities())).isEqualTo(authorities);
        DefaultOidcUser principal = (DefaultOidcUser) login.getPrincipal();
        assertThat(principal.getIdToken().getAuthenticatedAt()).isEqualTo(now);
        assertThat(principal.getIdToken().getAudience()).containsExactly("cluster-issuer");
        assertThat(principal.getUserInfo().getClaims()).isEqualTo(userInfo.getClaims());
    }

    @Test
    void theAuthorizationRequestWaitingForTheLogin() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
        request.setScheme("http");
        request.setServerName("issuer.cluster.test");
        request.setServerPort(9000);
        request.setQueryString(
                "response_type=code&client_id=cluster-web&state=s1&scope=openid%20profile");
        request.setParameter("response_type", "code");
        request.setParameter("client_id", "cluster-web");
        request.setParameter("state", "s1");
        request.setParameter("scope", "openid profile");
        request.addHeader("Accept", "text/html");
        request.addPreferredLocale(Locale.FRENCH);
        request.setCookies(new Cookie("lang", "fr"));
        DefaultSavedRequest saved = new DefaultSavedRequest(request);

        DefaultSavedRequest read = (DefaultSavedRequest) roundTrip(saved);

        assertThat(read.getRedirectUrl())
                .isEqualTo(saved.getRedirectUrl())
                .startsWith("http://issuer.cluster.test:9000/oauth2/authorize?");
        assertThat(read.getParameterValues("scope")).containsExactly("openid profile");
        assertThat(read.getHeaderValues("Accept")).containsExactly("text/html");
        assertThat(read.getLocales()).contains(Locale.FRENCH);
        assertThat(read.getCookies()).extracting(Cookie::getValue).containsExactly("fr");
    }

    @Test
    void aCsrfToken() {
        CsrfToken token = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "a-random-value");

        CsrfToken read = (CsrfToken) roundTrip(token);

        assertThat(read.getToken()).isEqualTo("a-random-value");
        assertThat(read.getParameterName()).isEqualTo("_csrf");
        assertThat(read.getHeaderName()).isEqualTo("X-CSRF-TOKEN");
    }

    @Test
    void theUpstreamLoginsAuthorizationRequest() {
        OAuth2AuthorizationRequest request =
                OAuth2AuthorizationRequest.authorizationCode()
                        .authorizationUri(
                                "http://keycloak:8180/realms/cluster/protocol/openid-connect/auth")
                        .clientId("cluster-issuer")
                        .redirectUri("http://localhost:9000/login/oauth2/code/keycloak")
                        .scopes(java.util.Set.of("openid", "email"))
                        .state("st")
                        .attributes(attributes -> attributes.put("registration_id", "keycloak"))
                        .additionalParameters(Map.of("nonce", "n-0S6_WzA2Mj"))
                        .build();

        OAuth2AuthorizationRequest read = (OAuth2AuthorizationRequest) roundTrip(request);

        assertThat(read.getAuthorizationRequestUri())
                .isEqualTo(request.getAuthorizationRequestUri());
        assertThat(read.getState()).isEqualTo("st");
        assertThat((String) read.getAttribute("registration_id")).isEqualTo("keycloak");
    }

    @Test
    void aClassOutsideTheAllowedPackagesIsRefused() {
        byte[] stored = attributes.write("foreign", new ObjectId());

        assertThatThrownBy(() -> attributes.read("foreign", stored))
                .isInstanceOf(SessionAttributes.UnreadableAttribute.class)
                .hasMessageContaining("foreign");
    }

    @Test
    void attributeNamesWithDotsAndDollarsMakeValidFieldNames() {
        String name =
                "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN";
        String field = SessionAttributes.field(name);

        assertThat(field).doesNotContain(".");
        assertThat(SessionAttributes.attribute(field)).isEqualTo(name);
        assertThat(SessionAttributes.field("$a%2E.b")).isEqualTo("%24a%252E%2Eb");
        assertThat(SessionAttributes.attribute("%24a%252E%2Eb")).isEqualTo("$a%2E.b");
    }
}
