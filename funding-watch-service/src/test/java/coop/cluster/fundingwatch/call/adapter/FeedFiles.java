package coop.cluster.fundingwatch.call.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Test feeds from {@code src/test/resources/feeds/}, and inline JSON. */
final class FeedFiles {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private FeedFiles() {}

    static JsonNode read(String name) {
        try (InputStream in = FeedFiles.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test feed " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
