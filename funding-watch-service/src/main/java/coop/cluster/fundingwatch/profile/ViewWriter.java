package coop.cluster.fundingwatch.profile;

import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Writes one event's effect into one document of the matching view, once: the update, with {@code updatedAt} set to
 * now, is applied by {@link IdempotentEffects#applyOnce} (the dedupe record, {@code appliedEventIds}, in the same
 * document; the document is created if absent). Counts each event in
 * {@code cluster.fundingwatch.profile.changes{view, outcome}}, outcome {@code applied} or {@code duplicate}.
 */
@Component
class ViewWriter {

    static final String METRIC = "cluster.fundingwatch.profile.changes";
    private static final Logger log = LoggerFactory.getLogger(ViewWriter.class);

    private final IdempotentEffects effects;
    private final Clock clock;
    private final Map<ViewKind, Counter> applied = new EnumMap<>(ViewKind.class);
    private final Map<ViewKind, Counter> duplicates = new EnumMap<>(ViewKind.class);

    ViewWriter(IdempotentEffects effects, Clock clock, MeterRegistry meters) {
        this.effects = effects;
        this.clock = clock;
        for (ViewKind view : ViewKind.values()) {
            applied.put(view, counter(meters, view, "applied"));
            duplicates.put(view, counter(meters, view, "duplicate"));
        }
    }

    /**
     * Applies {@code update} to the document {@code id} of {@code view} unless {@code event} was applied to it
     * before.
     *
     * @param update a fresh update (it is completed here)
     * @return true if applied now, false if the event had been applied already
     */
    boolean apply(ViewKind view, String id, ReceivedEvent<?> event, Update update) {
        update.set(ViewKind.UPDATED_AT, Date.from(clock.instant()));
        boolean done = effects.applyOnce(view.collection(), id, event.id(), update);
        (done ? applied : duplicates).get(view).increment();
        log.debug("{} {}: {} {} ({})", view.tag(), id, event.type(), event.id(), done ? "applied" : "duplicate");
        return done;
    }

    /** The id an event names, or a poison event (no retry can give it one: it goes to the dead-letter topic). */
    static String required(String id, String name, ReceivedEvent<?> event) {
        if (id == null || id.isBlank()) {
            throw new PoisonEventException("Event " + event.id() + " (" + event.type() + ") has no " + name, null);
        }
        return id;
    }

    private static Counter counter(MeterRegistry meters, ViewKind view, String outcome) {
        return Counter.builder(METRIC).tag("view", view.tag()).tag("outcome", outcome)
                .description("Events applied to funding-watch's matching view, or received again and not applied")
                .register(meters);
    }
}
