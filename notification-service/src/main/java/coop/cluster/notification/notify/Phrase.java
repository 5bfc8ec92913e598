package coop.cluster.notification.notify;

/** An argument that is itself a text to translate: its key in {@code notification-messages*.properties}. */
public record Phrase(String key) {
}
