package coop.cluster.fundingwatch.profile;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import coop.cluster.plumbing.consumer.IdempotentEffects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bson.Document;
import org.mockito.ArgumentCaptor;
import org.springframework.data.mongodb.core.query.Update;

/** A {@link ViewWriter} over an {@link IdempotentEffects} that applies or refuses as told, with its metrics. */
final class ViewWriterFixture {

    static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");

    final IdempotentEffects effects = mock(IdempotentEffects.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ViewWriter writer = new ViewWriter(effects, Clock.fixed(NOW, ZoneOffset.UTC), meters);

    ViewWriterFixture() {
        applies(true);
    }

    /** From now on every event is applied ({@code true}) or found applied already ({@code false}). */
    void applies(boolean applied) {
        when(effects.applyOnce(anyString(), any(), anyString(), any(Update.class))).thenReturn(applied);
    }

    /** The update last given for the document {@code id} of {@code view} with the event {@code eventId}. */
    Document update(ViewKind view, String id, String eventId) {
        ArgumentCaptor<Update> update = ArgumentCaptor.forClass(Update.class);
        verify(effects, atLeastOnce()).applyOnce(eq(view.collection()), eq(id), eq(eventId), update.capture());
        return update.getValue().getUpdateObject();
    }

    double count(ViewKind view, String outcome) {
        return meters.get(ViewWriter.METRIC).tag("view", view.tag()).tag("outcome", outcome).counter().count();
    }
}
