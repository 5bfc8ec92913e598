package coop.cluster.notification;

import coop.cluster.notification.digest.DigestSettings;
import coop.cluster.notification.email.EmailSettings;
import coop.cluster.notification.notify.NotificationSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * notification-service: turns the platform's events into messages people get
 * (docs/notifications.md). It keeps its own view of who should hear about what, built from the
 * events it consumes; it publishes no integration event.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({
    NotificationSettings.class,
    EmailSettings.class,
    DigestSettings.class
})
public class NotificationApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationApplication.class, args);
    }
}
