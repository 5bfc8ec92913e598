package coop.cluster.notification.calendar;

import coop.cluster.plumbing.security.RequestRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;

/**
 * The calendar's URL rule and indexes. The feed URL ({@code GET/HEAD /api/notifications/calendar/<token>.ics}) is
 * open without a bearer token: calendar apps cannot send one, the secret token in the path is the credential. The
 * rule comes before the service's other rules (which refuse anonymous callers and machine clients on
 * {@code /api/notifications/**}); every other method on that path still needs a token.
 */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    /** The feed URLs, as a path pattern. */
    static final String FEED_PATTERN = CalendarFeed.PATH + "/*.ics";

    private static final Logger log = LoggerFactory.getLogger(CalendarConfiguration.class);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RequestRules calendarFeedRules() {
        return requests -> {
            requests.requestMatchers(HttpMethod.GET, FEED_PATTERN).permitAll();
            requests.requestMatchers(HttpMethod.HEAD, FEED_PATTERN).permitAll();
        };
    }

    @EventListener(ApplicationReadyEvent.class)
    void indexes(ApplicationReadyEvent ready) {
        MongoTemplate mongo = ready.getApplicationContext().getBean(MongoTemplate.class);
        java.util.stream.Stream.concat(CalendarItems.indexes().stream(), CalendarFeeds.indexes().stream())
                .forEach(pair -> {
                    try {
                        mongo.indexOps(pair.getFirst()).createIndex(pair.getSecond());
                    } catch (RuntimeException e) {
                        log.warn("Could not create an index on {} now: {}", pair.getFirst(), e.toString());
                    }
                });
    }
}
