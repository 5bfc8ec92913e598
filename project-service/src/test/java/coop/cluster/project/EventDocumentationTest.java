package coop.cluster.project;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.plumbing.events.EventDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every event this service publishes is documented: in the AsyncAPI file, the events page and its canvas. */
class EventDocumentationTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void everyPublishedEventIsDocumented() throws IOException {
        String asyncApi = Files.readString(DOCS.resolve("asyncapi.yaml"));
        String events = Files.readString(DOCS.resolve("events.md"));
        String canvas = Files.readString(DOCS.resolve("services/project-service.md"));
        for (EventDescriptor event : new ProjectApplication().eventCatalog().descriptors()) {
            assertThat(asyncApi).as("asyncapi.yaml").contains("name: " + event.ceType())
                    .contains("address: " + event.topic());
            assertThat(canvas).as("project-service.md").contains("`" + event.ceType() + "`");
            assertThat(events).as("events.md names the topic").contains("`" + event.topic() + "`");
        }
    }
}
