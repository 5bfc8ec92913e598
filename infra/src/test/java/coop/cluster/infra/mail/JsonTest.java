package coop.cluster.infra.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesWhatItReadsBackUnicodeAndEscapesIncluded() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", 7L);
        message.put("subject", "Invitation à rejoindre le cluster — \"vite\"");
        message.put("text", "ligne 1\nligne 2\ttab \\ fin \u0001");
        message.put("html", null);
        message.put("to", List.of("amina@example.org", "bruno@example.org"));
        message.put("ok", true);

        String json = Json.write(List.of(message));

        assertThat(json)
                .startsWith(
                        "[{\"id\":7,\"subject\":\"Invitation à rejoindre le cluster —"
                                + " \\\"vite\\\"\"")
                .contains("\"text\":\"ligne 1\\nligne 2\\ttab \\\\ fin \\u0001\"", "\"html\":null")
                .doesNotContain("\n");
        Object back = Json.parse(json);
        assertThat(back).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) ((List<?>) back).getFirst();
        assertThat(read).containsOnlyKeys("id", "subject", "text", "html", "to", "ok");
        assertThat(read.keySet())
                .as("fields keep their order")
                .containsExactly("id", "subject", "text", "html", "to", "ok");
        assertThat(read.get("id")).isEqualTo(new BigDecimal(7));
        assertThat(read.get("subject")).isEqualTo(message.get("subject"));
        assertThat(read.get("text")).isEqualTo(message.get("text"));
        assertThat(read.get("html")).isNull();
        assertThat(read.get("to")).isEqualTo(List.of("amina@example.org", "bruno@example.org"));
        assertThat(read.get("ok")).isEqualTo(true);
    }

    @Test
    void readsWhatOtherWritersWrite() {
        assertThat(Json.parse(" { \"a\" : [ 1 , -2.5e3, false ] , \"b\":\"\\u00e0\\/\" } "))
                .isEqualTo(
                        Map.of(
                                "a",
                                List.of(new BigDecimal(1), new BigDecimal("-2.5e3"), false),
                                "b",
                                "à/"));
        assertThat(Json.parse("[]")).isEqualTo(List.of());
        assertThat(Json.parse("{}")).isEqualTo(Map.of());
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad :
                List.of(
                        "",
                        "{",
                        "[1,]",
                        "{\"a\" 1}",
                        "\"open",
                        "tru",
                        "[1] 2",
                        "{a:1}",
                        "\"\\x\"")) {
            assertThatThrownBy(() -> Json.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not JSON");
        }
    }
}
