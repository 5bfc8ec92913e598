package coop.cluster.plumbing.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class PendingEventTest {

    @Test
    void survivesTheRoundTripThroughItsStoredForm() {
        var event =
                new PendingEvent(
                        "e-1",
                        "test.thing.created.v1",
                        "test.things",
                        "42",
                        "things/42",
                        Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        "{\"amount\":\"12.30\"}",
                        "corr-1",
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        assertThat(PendingEvent.fromDocument(event.toDocument())).isEqualTo(event);
    }

    @Test
    void keepsThePayloadTextVerbatimSoDecimalsAreNotRetyped() {
        var event =
                new PendingEvent(
                        "e-2",
                        "t.x.v1",
                        "t",
                        "k",
                        null,
                        Instant.EPOCH,
                        "{\"amount\":12.30}",
                        null,
                        null);

        assertThat(event.toDocument().getString("payload")).isEqualTo("{\"amount\":12.30}");
        assertThat(event.toDocument()).doesNotContainKeys("correlationId", "traceparent");
    }
}
