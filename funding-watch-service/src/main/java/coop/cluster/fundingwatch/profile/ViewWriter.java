package coop.cluster.fundingwatch.profile;

import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes one event's effect into one document of the matching view, once: the write is a store's
 * ({@code profile.persistence}), which applies it unless the event was applied to that document
 * before and stamps it with the time of the write. Counts each event in {@code
 * cluster.fundingwatch.profile.changes{view, outcome}}, outcome {@code applied} or {@code
 * duplicate}.
 */
@Component
class ViewWriter {

    static final String METRIC = "cluster.fundingwatch.profile.changes";
    private static final Logger log = LoggerFactory.getLogger(ViewWriter.class);

    private final Map<ViewKind, Counter> applied = new EnumMap<>(ViewKind.class);
    private final Map<ViewKind, Counter> duplicates = new EnumMap<>(ViewKind.class);

    ViewWriter(MeterRegistry meters) {
        for (ViewKind view : ViewKind.values()) {
            applied.put(view, counter(meters, view, "applied"));
            duplicates.put(view, counter(meters, view, "duplicate"));
        }
    }

    /**
     * Makes {@code write}, the effect of {@code event} on the document {@code id} of {@code view},
     * and counts it.
     *
     * @param write the store's write of the event, true if applied now, false if the event had been
     *     applied before
     * @return what {@code write} answered
     */
    boolean apply(ViewKind view, String id, ReceivedEvent<?> event, BooleanSupplier write) {
        boolean done = write.getAsBoolean();
        (done ? applied : duplicates).get(view).increment();
        log.debug(
                "{} {}: {} {} ({})",
                view.tag(),
                id,
                event.type(),
                event.id(),
                done ? "applied" : "duplicate");
        return done;
    }

    /**
     * A field the event must carry (an id, the member's status), or a poison event (no retry can
     * give it one: it goes to the dead-letter topic).
     */
    static String required(String value, String name, ReceivedEvent<?> event) {
        if (value == null || value.isBlank()) {
            throw new PoisonEventException(
                    "Event " + event.id() + " (" + event.type() + ") has no " + name, null);
        }
        return value;
    }

    private static Counter counter(MeterRegistry meters, ViewKind view, String outcome) {
        return Counter.builder(METRIC)
                .tag("view", view.tag())
                .tag("outcome", outcome)
                .description(
                        "Events applied to funding-watch's matching view, or received again and not"
                                + " applied")
                .register(meters);
    }
}
