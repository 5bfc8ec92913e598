package coop.cluster.notification.preference;

import coop.cluster.notification.notify.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a person wants the e-mails of one kind: at once, gathered into a daily or a weekly digest, or
 * not at all. The inbox gets every notice at once whatever the choice. An essential kind (money,
 * the council, what a person must act on) is always {@link #IMMEDIATELY}: it can be neither turned
 * off nor delayed into a digest.
 */
public enum Choice {
    IMMEDIATELY,
    DAILY,
    WEEKLY,
    OFF;

    /** The wire name, in the API and in the store. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Choice> ofCode(String code) {
        for (Choice choice : values()) {
            if (choice.code().equals(code)) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }

    /** The choices a kind allows: an essential kind only {@link #IMMEDIATELY}. */
    public static List<Choice> allowedFor(Kind kind) {
        return kind.essential() ? List.of(IMMEDIATELY) : List.of(values());
    }

    /**
     * The choice of a person who never chose one for the kind: {@link #IMMEDIATELY}, except the new
     * exchange events ({@link Kind#EVENT_PUBLISHED}: a few a month, announced weeks ahead, to every
     * member's people), gathered into the {@link #WEEKLY} digest.
     */
    public static Choice defaultFor(Kind kind) {
        return kind == Kind.EVENT_PUBLISHED ? WEEKLY : IMMEDIATELY;
    }

    /** Gathered for a digest rather than sent on its own. */
    public boolean digest() {
        return this == DAILY || this == WEEKLY;
    }
}
