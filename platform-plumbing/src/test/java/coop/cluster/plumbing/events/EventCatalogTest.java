package coop.cluster.plumbing.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @IntegrationEvent(type = "test.thing.created", version = 2, topic = "test.things")
    record ThingCreated(String id) {}

    @IntegrationEvent(type = "test.thing.created", version = 2, topic = "test.other")
    record SameWireType(String id) {}

    @IntegrationEvent(type = "ThingCreated", topic = "test.things")
    record ClassLikeName(String id) {}

    record NotAnEvent(String id) {}

    @Test
    void wireTypeIsTheDeclaredNameWithItsVersionNotTheClassName() {
        EventDescriptor descriptor =
                EventCatalog.of(ThingCreated.class).describe(ThingCreated.class);

        assertThat(descriptor.ceType()).isEqualTo("test.thing.created.v2");
        assertThat(descriptor.topic()).isEqualTo("test.things");
    }

    @Test
    void refusesTwoClassesWithOneWireType() {
        assertThatThrownBy(() -> EventCatalog.of(ThingCreated.class, SameWireType.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.thing.created.v2");
    }

    @Test
    void refusesClassNamesAsWireTypesAndUnannotatedClasses() {
        assertThatThrownBy(() -> EventCatalog.of(ClassLikeName.class))
                .hasMessageContaining("dotted lower-case");
        assertThatThrownBy(() -> EventCatalog.of(NotAnEvent.class))
                .hasMessageContaining("@IntegrationEvent");
    }

    @Test
    void refusesToDescribeAnEventOutsideTheCatalog() {
        assertThatThrownBy(() -> EventCatalog.empty().describe(ThingCreated.class))
                .hasMessageContaining("not in this service's event catalog");
    }

    @Test
    void listsEachTopicOnce() {
        assertThat(EventCatalog.of(ThingCreated.class, ClassLikeNameFree.class).topics())
                .containsExactly("test.things");
    }

    @IntegrationEvent(type = "test.thing.renamed", topic = "test.things")
    record ClassLikeNameFree(String id) {}
}
