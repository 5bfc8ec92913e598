package coop.cluster.fundingwatch.call;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When deadline reminders are due. The sweep that sends them runs every {@code
 * cluster.calls.reminder-sweep-interval} ({@code PT1M} by default; the first run after {@code
 * cluster.calls.reminder-sweep-initial-delay}, by default the closing sweep's {@code
 * cluster.calls.sweep-initial-delay}).
 *
 * <pre>
 * cluster.calls.reminder-offsets=P30D,P7D,P1D
 * cluster.calls.reminder-sweep-interval=PT1M
 * </pre>
 *
 * @param reminderOffsets how long before each cut-off a reminder is due, ISO-8601 ({@code P7D},
 *     {@code PT12H}) or simple ({@code 7d}); positive. Empty: no reminders
 */
@Validated
@ConfigurationProperties("cluster.calls")
public record ReminderSettings(
        @NotNull @DefaultValue({"P30D", "P7D", "P1D"}) List<Duration> reminderOffsets) {}
