package coop.cluster.notification.digest;

import java.time.DayOfWeek;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param hour the hour of the day (UTC, 0–23) at which the daily digests, and on {@code weeklyDay}
 *     the weekly ones, gather what came before it
 * @param weeklyDay the day of the weekly digests
 * @param burstWindow how long notices of one non-essential kind for one person are gathered, from
 *     the first, before they go out as one message (one notice: its own mail; several: a short
 *     digest). {@code PT0S} sends each at once, as before bursts were gathered
 * @param checkInterval how often the job looks for bursts whose window ended and digests whose hour
 *     came
 * @param maxNotices notices taken into one digest at most; more wait for the next one
 * @param maxListed notices listed in one digest's e-mail; the others are counted ("and N more in
 *     your inbox")
 */
@ConfigurationProperties("cluster.notifications.digest")
public record DigestSettings(
        Integer hour,
        DayOfWeek weeklyDay,
        Duration burstWindow,
        Duration checkInterval,
        Integer maxNotices,
        Integer maxListed) {

    public DigestSettings {
        hour = hour == null ? 7 : hour;
        weeklyDay = weeklyDay == null ? DayOfWeek.MONDAY : weeklyDay;
        burstWindow = burstWindow == null ? Duration.ofMinutes(2) : burstWindow;
        checkInterval = checkInterval == null ? Duration.ofSeconds(10) : checkInterval;
        maxNotices = maxNotices == null ? 500 : maxNotices;
        maxListed = maxListed == null ? 50 : maxListed;
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException(
                    "cluster.notifications.digest.hour must be 0 to 23 (UTC)");
        }
        if (burstWindow.isNegative() || maxNotices < 1 || maxListed < 1) {
            throw new IllegalArgumentException(
                    "cluster.notifications.digest: burst-window >= 0, max-notices and "
                            + "max-listed >= 1");
        }
    }

    /** The schedule of the daily and weekly digests. */
    public Schedule schedule() {
        return new Schedule(hour, weeklyDay);
    }
}
