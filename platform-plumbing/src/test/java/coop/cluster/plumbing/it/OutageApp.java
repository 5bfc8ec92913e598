package coop.cluster.plumbing.it;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import coop.cluster.plumbing.events.EventCatalog;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.security.RequestRules;
import coop.cluster.plumbing.web.ProblemException;
import java.util.Map;
import org.bson.Document;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A whole service made of the plumbing, for the outage tests: an HTTP API that writes {@link
 * Widget}s with their events (outbox, relay), and a consumer of {@value #ECHO_TOPIC} that stores
 * each echo once.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(OutageApp.WidgetController.class)
class OutageApp {

    static final String ECHO_TOPIC = "it.outage.echoes";
    static final String ECHO_TYPE = "it.outage.echo.v1";

    record Echo(String text) {}

    @Bean
    EventCatalog eventCatalog() {
        return EventCatalog.of(WidgetChanged.class);
    }

    @Bean
    WidgetApp.Widgets widgets(OutboxWriter outbox, EventFactory events) {
        return new WidgetApp.Widgets(outbox, events);
    }

    @Bean
    RequestRules openWidgets() {
        return registry -> registry.requestMatchers("/api/widgets/**").permitAll();
    }

    @Bean
    EventSubscription echoes(IdempotentEffects effects) {
        return EventSubscription.named("echoes")
                .topics(ECHO_TOPIC)
                .on(
                        ECHO_TYPE,
                        Echo.class,
                        (ReceivedEvent<Echo> event) ->
                                effects.insertOnce(
                                        "echoes",
                                        new Document(
                                                        "_id",
                                                        IdempotentEffects.effectId(
                                                                event.id(), "echo"))
                                                .append("text", event.data().text())))
                .build();
    }

    @RestController
    static class WidgetController {

        private final WidgetApp.Widgets widgets;
        private final MongoTemplate mongo;

        WidgetController(WidgetApp.Widgets widgets, MongoTemplate mongo) {
            this.widgets = widgets;
            this.mongo = mongo;
        }

        @PostMapping("/api/widgets")
        ResponseEntity<Widget> create(@RequestBody Map<String, String> body) {
            return ResponseEntity.status(HttpStatus.CREATED).body(widgets.create(body.get("name")));
        }

        @GetMapping("/api/widgets/{id}")
        Widget read(@PathVariable String id) {
            Widget widget = mongo.findById(id, Widget.class);
            if (widget == null) {
                throw ProblemException.notFound("widget", id);
            }
            return widget;
        }
    }
}
