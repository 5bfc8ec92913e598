package coop.cluster.notification.calendar;

import coop.cluster.plumbing.security.RequestRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * The calendar's URL rule (its stores make their own indexes). The feed URL ({@code GET/HEAD
 * /api/notifications/calendar/<token>.ics}) is open without a bearer token: calendar apps cannot
 * send one, the secret token in the path is the credential. The rule comes before the service's
 * other rules (which refuse anonymous callers and machine clients on {@code
 * /api/notifications/**}); every other method on that path still needs a token.
 */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    /** The feed URLs, as a path pattern. */
    static final String FEED_PATTERN = CalendarFeed.PATH + "/*.ics";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RequestRules calendarFeedRules() {
        return requests -> {
            requests.requestMatchers(HttpMethod.GET, FEED_PATTERN).permitAll();
            requests.requestMatchers(HttpMethod.HEAD, FEED_PATTERN).permitAll();
        };
    }
}
