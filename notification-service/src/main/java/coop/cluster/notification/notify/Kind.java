package coop.cluster.notification.notify;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a notification is about. Each kind names its texts ({@code notification.<code>.subject} and
 * {@code .body} in {@code notification-messages*.properties}, whose {@code {0}, {1}...} are {@link
 * #arguments()} in order), the page of the web console it links to, and whether it is essential: an
 * essential kind (money, rights, the council's votes, what a person must act on) cannot be turned
 * off; a non-essential one carries {@code List-Unsubscribe} (RFC 8058).
 */
public enum Kind {
    PROJECT_INVITATION(true, List.of("projectTitle", "role", "expiresAt", "organisation")),
    AGREEMENT_TO_SIGN(true, List.of("projectTitle", "version")),
    VOTE_OPENED(true, List.of("title", "deadline")),
    VOTE_RESULT(true, List.of("title", "outcome", "forVotes", "against", "abstain")),
    INVOICE_ISSUED(true, List.of("feeYear", "amount", "currency", "dueDate", "organisation")),
    INVOICE_OVERDUE(
            true,
            List.of("feeYear", "amountDue", "currency", "dueDate", "daysOverdue", "organisation")),
    APPLICATION_ADMITTED(true, List.of("organisation")),
    REPORT_PUBLISHED(false, List.of("periodId", "from", "to", "revision")),
    CALL_DEADLINE(false, List.of("title", "programme", "deadline", "daysLeft")),
    CALL_MATCHED(false, List.of("title", "programme", "deadline", "target")),
    /** A place held for the person at an exchange event (their own registration). */
    REGISTRATION_CONFIRMED(false, List.of("title", "startsAt", "where")),
    /** The event is full: the person waits, at a position (1 is next). */
    REGISTRATION_WAITLISTED(false, List.of("title", "startsAt", "where", "position")),
    /**
     * A place freed by a cancellation went to the person, who was waiting: essential, since they
     * now hold a place they may no longer expect (days may have passed), and must either come or
     * cancel to give it to the next person waiting.
     */
    REGISTRATION_PROMOTED(true, List.of("title", "startsAt", "where")),
    /** An event the person registered for (holding a place or waiting) is cancelled. */
    EVENT_CANCELLED(true, List.of("title", "startsAt", "reason")),
    /**
     * A new exchange event open to the members' people: not chosen, it goes into the weekly digest
     * ({@code Choice.defaultFor}).
     */
    EVENT_PUBLISHED(false, List.of("title", "startsAt", "where")),
    /**
     * Not a kind of notice: the e-mail of a daily or weekly digest, which gathers notices of
     * several kinds (its {@code X-Cluster-Notification}, its deliveries' and metrics' {@code
     * kind}). Nobody chooses it; it is not in {@link #notices()}.
     */
    DIGEST(false, List.of("count"), false);

    private final boolean essential;
    private final List<String> arguments;
    private final boolean notice;

    Kind(boolean essential, List<String> arguments) {
        this(essential, arguments, true);
    }

    Kind(boolean essential, List<String> arguments, boolean notice) {
        this.essential = essential;
        this.arguments = arguments;
        this.notice = notice;
    }

    /** The wire name: in the API, the metrics' tags, the unsubscribe links. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Kind> ofCode(String code) {
        for (Kind kind : values()) {
            if (kind.code().equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kinds a person hears of (and chooses how to get), in this order. */
    public static List<Kind> notices() {
        return java.util.Arrays.stream(values()).filter(kind -> kind.notice).toList();
    }

    public boolean essential() {
        return essential;
    }

    public List<String> arguments() {
        return arguments;
    }
}
