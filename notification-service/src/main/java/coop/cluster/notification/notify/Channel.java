package coop.cluster.notification.notify;

import java.util.Locale;

/** Where a notification reaches its person. */
public enum Channel {
    EMAIL,
    INBOX;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
