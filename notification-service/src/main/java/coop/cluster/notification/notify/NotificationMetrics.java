package coop.cluster.notification.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code cluster_notifications_total}, tagged {@code outcome} ({@code created}: made, once per
 * event, person and channel; {@code sent}: handed over, to the SMTP server, or to the inbox when it
 * is stored; {@code failed}: given up and dead-lettered), {@code kind} and {@code channel}. One
 * counter with an outcome tag, like {@code cluster_events_consumed_total}: a counter named {@code
 * ..._created} would lose its suffix in Prometheus' exposition (OpenMetrics reserves {@code
 * _created}).
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

    /**
     * {@code cluster_notifications_gathered_total{kind, period}}: a notice kept for a digest
     * ({@code daily}, {@code weekly}) or for the end of its burst window ({@code burst}) instead of
     * an e-mail of its own.
     */
    public void gathered(String kind, String period) {
        Counter.builder("cluster.notifications.gathered")
                .description("Notices gathered for a digest or a burst")
                .tag("kind", kind)
                .tag("period", period)
                .register(meters)
                .increment();
    }

    /**
     * {@code cluster_notifications_digests_total{period, outcome}}: a batch of gathered notices
     * made into one e-mail ({@code sent}), or dropped because nobody can or wants to get it any
     * more ({@code suppressed}).
     */
    public void digest(String period, String outcome) {
        Counter.builder("cluster.notifications.digests")
                .description("Digests and bursts made into one e-mail")
                .tag("period", period)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    /**
     * {@code cluster_notifications_suppressed_total{kind, reason}}: an e-mail not made although the
     * person wants it, e.g. {@code bounced} (their address bounced hard); the inbox entry was made.
     */
    public void suppressed(String kind, String reason) {
        Counter.builder("cluster.notifications.suppressed")
                .description("E-mails not made, and why")
                .tag("kind", kind)
                .tag("reason", reason)
                .register(meters)
                .increment();
    }

    private Counter counter(String outcome, String kind, Channel channel) {
        return Counter.builder("cluster.notifications")
                .description("Notifications made, sent and given up")
                .tag("outcome", outcome)
                .tag("kind", kind)
                .tag("channel", channel.code())
                .register(meters);
    }
}
