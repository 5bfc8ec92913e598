package coop.cluster.plumbing.it;

import coop.cluster.plumbing.events.EventCatalog;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A publishing application made of the plumbing and one aggregate, {@link Widget}. */
@SpringBootConfiguration
@EnableAutoConfiguration
class WidgetApp {

    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.of(WidgetChanged.class);
    }

    @Bean
    Widgets widgets(OutboxWriter outbox, EventFactory events) {
        return new Widgets(outbox, events);
    }

    /**
     * What a service's application layer does: change state, create the event, write both at once.
     */
    record Widgets(OutboxWriter outbox, EventFactory events) {

        Widget create(String name) {
            Widget widget = new Widget(UUID.randomUUID().toString(), name, 0, null);
            return outbox.insert(widget, List.of(changed(widget)));
        }

        Widget revise(Widget widget) {
            Widget revised = widget.revise();
            return outbox.update(revised, List.of(changed(revised)));
        }

        private PendingEvent changed(Widget widget) {
            return events.create(
                    "widgets", widget.id(), new WidgetChanged(widget.id(), widget.revision()));
        }
    }
}
