package coop.cluster.notification.notify;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param consoleUrl the web console's address, which every notification links into (through the
 *     gateway)
 * @param apiUrl the gateway's address for the one-click unsubscribe links; the console's by default
 */
@ConfigurationProperties("cluster.notifications")
public record NotificationSettings(URI consoleUrl, URI apiUrl) {

    public NotificationSettings {
        consoleUrl = consoleUrl == null ? URI.create("http://127.0.0.1:8080/") : consoleUrl;
        apiUrl = apiUrl == null ? consoleUrl : apiUrl;
    }

    /** {@code path} (no leading slash needed) under the console's address. */
    public String consoleLink(String path) {
        String base = consoleUrl.toString();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return (base.endsWith("/") ? base : base + "/") + trimmed;
    }

    public String apiLink(String path) {
        String base = apiUrl.toString();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return (base.endsWith("/") ? base : base + "/") + trimmed;
    }
}
