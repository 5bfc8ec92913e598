package coop.cluster.notification.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code cluster_notifications_total}, tagged {@code outcome} ({@code created}: made, once per event, person and
 * channel; {@code sent}: handed over, to the SMTP server, or to the inbox when it is stored; {@code failed}: given up
 * and dead-lettered), {@code kind} and {@code channel}. One counter with an outcome tag, like
 * {@code cluster_events_consumed_total}: a counter named {@code ..._created} would lose its suffix in Prometheus'
 * exposition (OpenMetrics reserves {@code _created}).
 */
@Component
public class NotificationMetrics {

    private final MeterRegistry meters;

    NotificationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void created(String kind, Channel channel) {
        counter("created", kind, channel).increment();
    }

    public void sent(String kind, Channel channel) {
        counter("sent", kind, channel).increment();
    }

    public void failed(String kind, Channel channel) {
        counter("failed", kind, channel).increment();
    }

    private Counter counter(String outcome, String kind, Channel channel) {
        return Counter.builder("cluster.notifications").description("Notifications made, sent and given up")
                .tag("outcome", outcome).tag("kind", kind).tag("channel", channel.code()).register(meters);
    }
}
