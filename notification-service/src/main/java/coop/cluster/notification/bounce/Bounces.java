package coop.cluster.notification.bounce;

import coop.cluster.notification.bounce.persistence.BounceStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailSendException;
import org.springframework.stereotype.Component;

/**
 * The addresses that bounced ({@link BounceStore}, collection {@code bounces}): one document per
 * address, keyed by the address normalised ({@link #normalise}: trimmed, lower case), so every
 * write is that one document's. A <b>hard</b> bounce (the address does not exist, or the receiving
 * server refuses it for good) marks the address: no e-mail delivery is made for it any more (the
 * inbox still is). A <b>soft</b> bounce (a full mailbox, a server down) is only counted. The mark
 * is the address's, not the person's: a person whose address changes (identity's events carry it)
 * is reachable again at the new one.
 *
 * <p>Hard bounces come from the mail relay's bounce webhook, or a platform administrator, through
 * {@code POST /api/notifications/bounces}, and from the SMTP conversation itself: a 5xx refusal of
 * the recipient ({@link #recordSendFailure}).
 */
@Component
public class Bounces {

    private static final Logger log = LoggerFactory.getLogger(Bounces.class);

    public static final String HARD = "hard";
    public static final String SOFT = "soft";

    private final BounceStore store;
    private final Clock clock;
    private final MeterRegistry meters;

    Bounces(BounceStore store, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * An address as it is keyed: trimmed and in lower case (addresses are compared without case in
     * practice).
     */
    public static String normalise(String address) {
        return address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * What is known of an address.
     *
     * @param bounced true once it bounced hard
     * @param softBounces soft bounces counted
     */
    public record State(String address, boolean bounced, int softBounces, Instant updatedAt) {}

    /** Whether the address bounced hard: no e-mail is made for it. */
    public boolean bounced(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        return store.hard(normalise(address));
    }

    /** Which of these addresses bounced hard, normalised ({@link #normalise}), in one read. */
    public Set<String> bouncedOf(Collection<String> addresses) {
        List<String> normalised =
                addresses.stream()
                        .filter(a -> a != null && !a.isBlank())
                        .map(Bounces::normalise)
                        .distinct()
                        .toList();
        if (normalised.isEmpty()) {
            return Set.of();
        }
        return store.hardOf(normalised);
    }

    public Optional<State> state(String address) {
        return store.state(normalise(address));
    }

    /**
     * Records a bounce of the address: {@code hard} marks it (again: no change but the last
     * reason), {@code soft} counts it.
     *
     * @param source {@code api} (the relay's webhook, an administrator) or {@code smtp} (refused
     *     while sending)
     * @return the address's state after it
     */
    public State record(String address, String type, String reason, String source) {
        String id = normalise(address);
        State after;
        if (HARD.equals(type)) {
            after = store.markHard(id, reason, source, clock.instant());
        } else if (SOFT.equals(type)) {
            after = store.countSoft(id, reason, clock.instant());
        } else {
            throw new IllegalArgumentException("a bounce is hard or soft, not " + type);
        }
        Counter.builder("cluster.notifications.bounces")
                .description("Bounces recorded, by type and source")
                .tag("type", type)
                .tag("source", source)
                .register(meters)
                .increment();
        if (HARD.equals(type)) {
            log.info("A hard bounce marks an address ({}): no more e-mail to it", source);
        }
        return after;
    }

    /**
     * For the e-mail worker, when a send failed: if the SMTP server refused the recipient for good
     * (a 5xx answer to {@code RCPT TO}, which JavaMail reports as an {@code
     * SMTPAddressFailedException} inside the {@code SendFailedException} of Spring's {@link
     * MailSendException}), the address is marked as bounced hard. Any other failure (4xx, a
     * connection refused, a refused sender or message) is not the address's fault.
     *
     * @return true if the failure was such a refusal (the delivery is not worth retrying)
     */
    public boolean recordSendFailure(String address, Throwable failure) {
        Optional<String> refusal = permanentRecipientRefusal(failure);
        refusal.ifPresent(reason -> record(address, HARD, "SMTP: " + reason, "smtp"));
        return refusal.isPresent();
    }

    /** The server's answer, if {@code failure} holds a permanent (5xx) refusal of a recipient. */
    public static Optional<String> permanentRecipientRefusal(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            int code = addressFailureCode(t);
            if (code >= 500 && code <= 599) {
                return Optional.of(String.valueOf(t.getMessage()).strip());
            }
            if (t instanceof MailSendException send) {
                send.getFailedMessages().values().forEach(pending::add);
                for (Exception each : send.getMessageExceptions()) {
                    pending.add(each);
                }
            }
            if (t instanceof MessagingException messaging && messaging.getNextException() != null) {
                pending.add(messaging.getNextException());
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
        }
        return Optional.empty();
    }

    /**
     * The SMTP reply code of a refused recipient: JavaMail's {@code SMTPAddressFailedException}
     * (Angus Mail, or the older {@code com.sun.mail}), read by reflection as the implementation is
     * only on the runtime classpath; -1 for anything else.
     */
    private static int addressFailureCode(Throwable t) {
        if (!"SMTPAddressFailedException".equals(t.getClass().getSimpleName())) {
            return -1;
        }
        try {
            Method code = t.getClass().getMethod("getReturnCode");
            return (int) code.invoke(t);
        } catch (ReflectiveOperationException | ClassCastException notTheOneWeKnow) {
            return -1;
        }
    }
}
