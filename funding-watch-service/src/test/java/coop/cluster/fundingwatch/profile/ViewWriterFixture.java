package coop.cluster.fundingwatch.profile;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import coop.cluster.fundingwatch.profile.persistence.GroupProfileStore;
import coop.cluster.fundingwatch.profile.persistence.MemberProfileStore;
import coop.cluster.fundingwatch.profile.persistence.ProjectProfileStore;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bson.Document;
import org.mockito.ArgumentCaptor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A {@link ViewWriter}, with its metrics, and the matching view's stores over an {@link
 * IdempotentEffects} that applies or refuses as told: what an event writes is the update the stores
 * hand it.
 */
final class ViewWriterFixture {

    static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");

    final IdempotentEffects effects = mock(IdempotentEffects.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ViewWriter writer = new ViewWriter(meters);
    private final MongoTemplate mongo = mock(MongoTemplate.class);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final MemberProfileStore members = new MemberProfileStore(mongo, effects, clock);
    final GroupProfileStore groups = new GroupProfileStore(mongo, effects, clock);
    final ProjectProfileStore projects = new ProjectProfileStore(mongo, effects, clock);

    ViewWriterFixture() {
        applies(true);
    }

    /**
     * From now on every event is applied ({@code true}) or found applied already ({@code false}).
     */
    void applies(boolean applied) {
        when(effects.applyOnce(anyString(), any(), anyString(), any(Update.class)))
                .thenReturn(applied);
    }

    /**
     * The update last given for the document {@code id} of {@code view} with the event {@code
     * eventId}.
     */
    Document update(ViewKind view, String id, String eventId) {
        ArgumentCaptor<Update> update = ArgumentCaptor.forClass(Update.class);
        verify(effects, atLeastOnce())
                .applyOnce(eq(collection(view)), eq(id), eq(eventId), update.capture());
        return update.getValue().getUpdateObject();
    }

    double count(ViewKind view, String outcome) {
        return meters.get(ViewWriter.METRIC)
                .tag("view", view.tag())
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static String collection(ViewKind view) {
        return switch (view) {
            case MEMBER -> MemberProfileStore.COLLECTION;
            case GROUP -> GroupProfileStore.COLLECTION;
            case PROJECT -> ProjectProfileStore.COLLECTION;
        };
    }
}
