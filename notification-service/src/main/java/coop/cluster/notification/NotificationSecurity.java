package coop.cluster.notification;

import coop.cluster.notification.unsubscribe.web.UnsubscribeController;
import coop.cluster.plumbing.security.RequestRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;

/**
 * URL rules, decided before any validation: the one-click unsubscribe authenticates with its signed
 * link, not a token; an inbox is a person's, so a machine client (the {@code feed} role) is refused
 * (403), whatever it sends; bounces are reported by the mail relay's client (scope {@code
 * notifications.bounces}) or a platform administrator.
 */
@Configuration(proxyBeanMethods = false)
class NotificationSecurity {

    static final String BOUNCES = "/api/notifications/bounces";

    /** The scope of the mail relay's machine client, which reports bounces. */
    static final String BOUNCES_SCOPE = "notifications.bounces";

    @Bean
    RequestRules notificationRules() {
        return requests -> {
            requests.requestMatchers(HttpMethod.POST, UnsubscribeController.PATH).permitAll();
            requests.requestMatchers(BOUNCES)
                    .access(
                            AuthorizationManagers.anyOf(
                                    AuthorityAuthorizationManager.hasRole("PLATFORM_ADMIN"),
                                    AuthorityAuthorizationManager.hasAuthority(
                                            "SCOPE_" + BOUNCES_SCOPE)));
            requests.requestMatchers("/api/notifications", "/api/notifications/**")
                    .access(
                            AuthorizationManagers.allOf(
                                    AuthenticatedAuthorizationManager.authenticated(),
                                    AuthorizationManagers.not(
                                            AuthorityAuthorizationManager.hasRole("FEED"))));
        };
    }
}
