package coop.cluster.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * notification-service's personal calendar feeds pass without a token (calendar apps cannot send
 * one; the secret in the URL is the credential, checked by the service), GET and HEAD only; the
 * feed's management needs a token.
 */
class GatewayCalendarFeedIT extends GatewayITSupport {

    private static final String FEED =
            "/api/notifications/calendar/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE.ics";

    @Test
    void letsOnlyTheCalendarFeedsReadsThroughWithoutAToken() {
        client.get()
                .uri(FEED)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("notification " + FEED);
        client.head().uri(FEED).exchange().expectStatus().isOk();
        client.post().uri(FEED).exchange().expectStatus().isUnauthorized();
        client.delete().uri(FEED).exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/notifications/calendar").exchange().expectStatus().isUnauthorized();
        client.post()
                .uri("/api/notifications/calendar/rotation")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.get()
                .uri("/api/notifications/calendar/nested/x.ics")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void theManagementPassesWithAToken() {
        client.get()
                .uri("/api/notifications/calendar")
                .header(HttpHeaders.AUTHORIZATION, bearer("calendar-user", "member"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("notification /api/notifications/calendar");
    }
}
