package coop.cluster.testing.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks that every event a service publishes is documented: in {@code docs/asyncapi.yaml} (by its type and its
 * topic), on the service's canvas {@code docs/services/<service>.md}, and its topic on {@code docs/events.md}.
 */
public final class EventDocs {

    private EventDocs() {
    }

    /**
     * @param service   the service's name, as its canvas is named
     * @param published each published CloudEvents type (with its version, e.g. {@code x.y.created.v1}) and its topic
     */
    public static void assertDocumented(String service, Map<String, String> published) {
        Path docs = Path.of("..", "docs");
        String asyncApi = read(docs.resolve("asyncapi.yaml"));
        String events = read(docs.resolve("events.md"));
        String canvas = read(docs.resolve("services").resolve(service + ".md"));
        published.forEach((type, topic) -> {
            assertThat(asyncApi).as("asyncapi.yaml").contains("name: " + type).contains("address: " + topic);
            assertThat(canvas).as(service + ".md").contains("`" + type + "`");
            assertThat(events).as("events.md names the topic").contains("`" + topic + "`");
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
