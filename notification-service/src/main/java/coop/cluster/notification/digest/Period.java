package coop.cluster.notification.digest;

import java.util.Locale;

/**
 * What a gathered notice waits for: the end of its burst window ({@link #BURST}: a non-essential
 * kind the person wants immediately), or the person's daily or weekly digest.
 */
public enum Period {
    BURST,
    DAILY,
    WEEKLY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Period of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
