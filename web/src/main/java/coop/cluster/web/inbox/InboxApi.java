package coop.cluster.web.inbox;

import coop.cluster.web.api.ClusterApi;
import coop.cluster.web.home.ListAnswer;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The caller's in-app inbox (notification-service's {@code /api/notifications} through the
 * gateway).
 */
@Component
class InboxApi {

    private final RestClient api;

    InboxApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/notifications?unread=&page=&size=}: newest first. */
    ClusterApi.Page<Notification> list(boolean unreadOnly, int page, int size) {
        ListAnswer<Notification> answer =
                api.get()
                        .uri(
                                uri -> {
                                    uri.path("/api/notifications");
                                    if (unreadOnly) {
                                        uri.queryParam("unread", true);
                                    }
                                    return uri.queryParam("page", page)
                                            .queryParam("size", size)
                                            .build();
                                })
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return answer == null ? ListAnswer.empty() : answer.toPage();
    }

    /** {@code GET /api/notifications/unread-count}. */
    long unread() {
        UnreadCount count =
                api.get().uri("/api/notifications/unread-count").retrieve().body(UnreadCount.class);
        return count == null ? 0 : count.unread();
    }

    /** {@code POST /api/notifications/{id}/read}: the notification, now read. */
    Notification markRead(String id) {
        return api.post()
                .uri("/api/notifications/{id}/read", id)
                .retrieve()
                .body(Notification.class);
    }

    /** {@code POST /api/notifications/read-all}: how many were marked. */
    long markAllRead() {
        Marked marked = api.post().uri("/api/notifications/read-all").retrieve().body(Marked.class);
        return marked == null ? 0 : marked.marked();
    }

    /**
     * {@code GET /api/notifications/preferences}: the caller's choice for every kind, and the
     * digests' schedule.
     */
    Preferences preferences() {
        Preferences preferences =
                api.get().uri("/api/notifications/preferences").retrieve().body(Preferences.class);
        return preferences == null ? new Preferences(List.of(), null) : preferences;
    }

    /** {@code PUT /api/notifications/preferences}: several kinds at once, all or nothing. */
    Preferences savePreferences(Map<String, String> choices) {
        return api.put()
                .uri("/api/notifications/preferences")
                .body(Map.of("choices", choices))
                .retrieve()
                .body(Preferences.class);
    }

    /**
     * @param kinds every kind, in the service's order
     * @param digests when the digests go out
     */
    public record Preferences(List<KindPreference> kinds, Schedule digests) {}

    /**
     * One kind: its choice, and the choices it allows (an essential kind only {@code immediately}).
     */
    public record KindPreference(
            String kind, boolean essential, String choice, List<String> allowed) {}

    /** {@code dailyAt} {@code 07:00}, {@code weeklyOn} {@code monday}, {@code zone} {@code UTC}. */
    public record Schedule(String dailyAt, String weeklyOn, String zone, String burstWindow) {}

    public record Notification(
            String id,
            String kind,
            String title,
            String text,
            String link,
            Instant createdAt,
            boolean read,
            Instant readAt) {

        /**
         * Where "open" leads in the console: the link's path, query and fragment only, whatever
         * host it names (the service writes links to the console's public address), so a
         * notification can never send anyone off-site.
         */
        public String consolePath() {
            if (link == null || link.isBlank()) {
                return null;
            }
            try {
                URI uri = URI.create(link.trim());
                String path = uri.getRawPath();
                if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                    return null;
                }
                String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
                String fragment = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
                return path + query + fragment;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    record UnreadCount(long unread) {}

    record Marked(long marked) {}
}
