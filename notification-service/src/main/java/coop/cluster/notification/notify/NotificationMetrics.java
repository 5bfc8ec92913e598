package coop.cluster.notification.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code cluster_notifications_created_total}, {@code _sent_total} and {@code _failed_total}, tagged {@code kind} and
 * {@code channel}: what was made (once per event, person and channel), handed over (to the SMTP server; to the inbox
 * when it is stored) and given up (dead-lettered).
 */
@Component
public class NotificationMetrics {

    private final MeterRegistry meters;

    NotificationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void created(String kind, Channel channel) {
        counter("cluster.notifications.created", "Notifications made, once per event, person and channel", kind,
                channel).increment();
    }

    public void sent(String kind, Channel channel) {
        counter("cluster.notifications.sent", "Notifications handed to their channel", kind, channel).increment();
    }

    public void failed(String kind, Channel channel) {
        counter("cluster.notifications.failed", "Notifications given up and dead-lettered", kind, channel)
                .increment();
    }

    private Counter counter(String name, String description, String kind, Channel channel) {
        return Counter.builder(name).description(description).tag("kind", kind).tag("channel", channel.code())
                .register(meters);
    }
}
