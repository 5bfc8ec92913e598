package coop.cluster.testing.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks that every event a service publishes is documented: in {@code docs/asyncapi.yaml} (by its
 * type and its topic), on the service's canvas {@code docs/services/<service>.md}, and its topic on
 * {@code docs/events.md}; and that every event it consumes is: in {@code docs/asyncapi.yaml} a
 * message of its topic's channel and an operation with {@code action: receive} on that channel that
 * names the service in its summary (and lists the message, when it lists messages), and on the
 * canvas's "Events consumed" section by its whole type (docs/events.md, "Versioning").
 */
public final class EventDocs {

    private EventDocs() {}

    /**
     * @param service the service's name, as its canvas is named
     * @param published each published CloudEvents type (with its version, e.g. {@code
     *     x.y.created.v1}) and its topic
     */
    public static void assertDocumented(String service, Map<String, String> published) {
        Path docs = Path.of("..", "docs");
        String asyncApi = read(docs.resolve("asyncapi.yaml"));
        String events = read(docs.resolve("events.md"));
        String canvas = read(docs.resolve("services").resolve(service + ".md"));
        published.forEach(
                (type, topic) -> {
                    assertThat(asyncApi)
                            .as("asyncapi.yaml")
                            .contains("name: " + type)
                            .contains("address: " + topic);
                    assertThat(canvas).as(service + ".md").contains("`" + type + "`");
                    assertThat(events).as("events.md names the topic").contains("`" + topic + "`");
                });
    }

    /**
     * @param service the service's name, as its canvas is named
     * @param consumed each consumed CloudEvents type (with its version) and the topic it is read
     *     from
     */
    public static void assertConsumedDocumented(String service, Map<String, String> consumed) {
        Path docs = Path.of("..", "docs");
        JsonNode asyncApi =
                YAMLMapper.builder().build().readTree(read(docs.resolve("asyncapi.yaml")));
        String canvas = read(docs.resolve("services").resolve(service + ".md"));
        int section = canvas.indexOf("## Events consumed");
        assertThat(section).as(service + ".md has a section '## Events consumed'").isNotNegative();
        int next = canvas.indexOf("\n## ", section + 1);
        String consumedSection = canvas.substring(section, next < 0 ? canvas.length() : next);
        List<String> problems = new ArrayList<>();
        consumed.forEach(
                (type, topic) -> {
                    if (!consumedSection.contains("`" + type + "`")) {
                        problems.add(
                                service + ".md, Events consumed, does not name `" + type + "`");
                    }
                    String messageKey = null;
                    for (var message : asyncApi.path("components").path("messages").properties()) {
                        if (type.equals(message.getValue().path("name").asString(""))) {
                            messageKey = message.getKey();
                        }
                    }
                    if (messageKey == null) {
                        problems.add("asyncapi.yaml has no message named " + type);
                        return;
                    }
                    String channelKey = null;
                    for (var channel : asyncApi.path("channels").properties()) {
                        if (topic.equals(channel.getValue().path("address").asString(""))) {
                            channelKey = channel.getKey();
                        }
                    }
                    if (channelKey == null) {
                        problems.add("asyncapi.yaml has no channel with address " + topic);
                        return;
                    }
                    String messageRef = "#/channels/" + channelKey + "/messages/" + messageKey;
                    JsonNode inChannel =
                            asyncApi.path("channels")
                                    .path(channelKey)
                                    .path("messages")
                                    .path(messageKey);
                    if (!("#/components/messages/" + messageKey)
                            .equals(inChannel.path("$ref").asString(""))) {
                        problems.add(
                                "asyncapi.yaml: channel "
                                        + channelKey
                                        + " does not carry "
                                        + messageKey
                                        + " ("
                                        + type
                                        + ")");
                    }
                    boolean received = false;
                    for (var operation : asyncApi.path("operations").properties()) {
                        JsonNode op = operation.getValue();
                        if (!"receive".equals(op.path("action").asString(""))
                                || !("#/channels/" + channelKey)
                                        .equals(op.path("channel").path("$ref").asString(""))
                                || !op.path("summary").asString("").contains(service)) {
                            continue;
                        }
                        JsonNode messages = op.path("messages");
                        if (messages.isMissingNode() || messages.isEmpty()) {
                            received = true;
                        }
                        for (JsonNode listed : messages) {
                            received |= messageRef.equals(listed.path("$ref").asString(""));
                        }
                    }
                    if (!received) {
                        problems.add(
                                "asyncapi.yaml has no operation with action: receive on #/channels/"
                                        + channelKey
                                        + " whose summary names "
                                        + service
                                        + " (and lists "
                                        + messageRef
                                        + " if it lists messages)");
                    }
                });
        assertThat(problems).as("the events " + service + " consumes are documented").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
