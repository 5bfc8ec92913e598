package coop.cluster.auth.session;

import coop.cluster.auth.oauth.Authorizations;
import coop.cluster.auth.people.SessionRevoker;
import coop.cluster.auth.session.persistence.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The login sessions on the store ({@link SessionStore}, Spring Session's {@code
 * SessionRepository}), so that several issuer instances behind a load balancer need no sticky
 * sessions: a browser may start the authorization request on one, post the login form to another,
 * give its second factor to a third, and get its code from any (docs/identity.md).
 *
 * <p>Spring Session's filter ({@link EnableSpringHttpSession}; Spring Boot 4 has no
 * auto-configuration for a repository of one's own) replaces the servlet container's sessions,
 * before Spring Security's filters, for every dispatch. Only what asks for a session gets one: the
 * browser-facing chains (login form, authorization endpoint, second factor, the people pages); the
 * {@code /api/**} chains are stateless and never create one, and do not even read the browser's
 * ({@link BrowserSessionIds}).
 *
 * <p>Spring Boot's session properties apply as they would to the container's sessions: {@code
 * server.servlet.session.timeout} (default 30 minutes without a request) and {@code
 * server.servlet.session.cookie.*} ({@link #sessionCookie}).
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
@EnableScheduling
public class SessionConfiguration {

    /**
     * The session cookie: {@code server.servlet.session.cookie.*} over Spring Session's defaults,
     * which are those the issuer wants: {@code HttpOnly}, {@code SameSite=Lax} (the upstream
     * providers' redirects back are top-level GETs, which carry it), path {@code /}, no max age
     * (gone with the browser), and {@code Secure} when the request came over TLS. Behind a proxy
     * that ends TLS, set {@code server.servlet.session.cookie.secure=true} (or have the proxy's
     * headers trusted: {@code server.forward-headers-strategy}).
     */
    @Bean
    CookieSerializer sessionCookie(ServerProperties server) {
        Cookie cookie = server.getServlet().getSession().getCookie();
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        if (cookie.getName() != null) {
            serializer.setCookieName(cookie.getName());
        }
        if (cookie.getDomain() != null) {
            serializer.setDomainName(cookie.getDomain());
        }
        if (cookie.getPath() != null) {
            serializer.setCookiePath(cookie.getPath());
        }
        if (cookie.getHttpOnly() != null) {
            serializer.setUseHttpOnlyCookie(cookie.getHttpOnly());
        }
        if (cookie.getSecure() != null) {
            serializer.setUseSecureCookie(cookie.getSecure());
        }
        if (cookie.getMaxAge() != null) {
            serializer.setCookieMaxAge((int) cookie.getMaxAge().toSeconds());
        }
        if (cookie.getSameSite() != null) {
            serializer.setSameSite(cookie.getSameSite().attributeValue());
        }
        if (cookie.getPartitioned() != null) {
            serializer.setPartitioned(cookie.getPartitioned());
        }
        return serializer;
    }

    /**
     * The session cookie ({@link #sessionCookie}), ignored by the API ({@link BrowserSessionIds}).
     */
    @Bean
    HttpSessionIdResolver browserSessionIds(CookieSerializer sessionCookie) {
        return new BrowserSessionIds(sessionCookie);
    }

    /**
     * Spring Session's filter on every dispatch, error pages included, as Spring Boot registers it.
     */
    @Bean
    FilterRegistrationBean<SessionRepositoryFilter<?>> sessionRepositoryFilterRegistration(
            SessionRepositoryFilter<?> filter) {
        FilterRegistrationBean<SessionRepositoryFilter<?>> registration =
                new FilterRegistrationBean<>(filter);
        registration.setDispatcherTypes(
                DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
        return registration;
    }

    @Bean
    ApplicationRunner sessionIndexes(SessionStore sessions) {
        return args -> sessions.createIndexes();
    }

    @Bean
    ExpiredSessions expiredSessions(SessionStore sessions, MeterRegistry meters) {
        return new ExpiredSessions(sessions, meters);
    }

    /**
     * Revoking a person's sessions: their authorizations and their login sessions ({@link
     * PersonSessionRevoker}).
     */
    @Bean
    @Primary
    SessionRevoker personSessionRevoker(Authorizations authorizations, SessionStore sessions) {
        return new PersonSessionRevoker(authorizations, sessions);
    }
}
