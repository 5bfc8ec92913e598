package coop.cluster.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthStatusTest {

    @Test
    void readsTheTopLevelStatus() {
        assertThat(HealthStatus.topLevelStatus("{\"status\":\"UP\"}")).contains("UP");
        assertThat(
                        HealthStatus.topLevelStatus(
                                " { \"groups\" : [\"liveness\",\"readiness\"] ,\n"
                                        + " \"status\" : \"DOWN\" } "))
                .contains("DOWN");
    }

    @Test
    void ignoresTheStatusOfNestedComponents() {
        String json =
                """
                {"components":{"kafka":{"status":"UP"},"mongo":{"status":"UP","details":{"status":"weird"}}},
                 "status":"OUT_OF_SERVICE"}\
                """;

        assertThat(HealthStatus.topLevelStatus(json)).contains("OUT_OF_SERVICE");
    }

    @Test
    void aNestedUpDoesNotMakeAMissingTopLevelStatusUp() {
        assertThat(HealthStatus.topLevelStatus("{\"components\":{\"db\":{\"status\":\"UP\"}}}"))
                .isEmpty();
    }

    @Test
    void isNotFooledByKeysAndBracesInsideStrings() {
        String json = "{\"message\":\"a \\\"status\\\": {\\\"UP\\\"\",\"st\\u0061tus\":\"UP\"}";

        assertThat(HealthStatus.topLevelStatus(json)).contains("UP");
        assertThat(HealthStatus.topLevelStatus("{\"note\":\"status\",\"status\":\"DOWN\"}"))
                .contains("DOWN");
    }

    @Test
    void hasNoStatusForNonJsonOrTruncatedBodies() {
        assertThat(HealthStatus.topLevelStatus("<html>Whitelabel Error Page</html>")).isEmpty();
        assertThat(HealthStatus.topLevelStatus("{\"status\":\"U")).isEmpty();
        assertThat(HealthStatus.topLevelStatus("")).isEmpty();
        assertThat(HealthStatus.topLevelStatus(null)).isEmpty();
        assertThat(HealthStatus.topLevelStatus("{\"status\":42}")).isEmpty();
    }
}
