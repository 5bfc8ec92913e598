package coop.cluster.notification.notify;

import java.util.List;

/**
 * An argument that is itself a text to translate: its key in {@code
 * notification-messages*.properties}, and its own arguments ({@code {0}}...), if any.
 */
public record Phrase(String key, List<Object> args) {

    public Phrase {
        args = List.copyOf(args);
    }

    public Phrase(String key) {
        this(key, List.of());
    }

    public Phrase(String key, Object... args) {
        this(key, List.of(args));
    }
}
