package coop.cluster.infra.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared {@link EmbeddedInfra} before a test class and publishes it to Spring Boot
 * through system properties: {@value #KAFKA_PROPERTY} and {@value #MONGO_PROPERTY} (database
 * {@value #DEFAULT_DATABASE}). A test that needs its own database overrides the latter, e.g. with
 * {@code @DynamicPropertySource} and {@code EmbeddedInfra.shared().mongoUri("x")}.
 */
public class EmbeddedInfraExtension implements BeforeAllCallback {

    public static final String KAFKA_PROPERTY = "spring.kafka.bootstrap-servers";
    public static final String MONGO_PROPERTY = "spring.mongodb.uri";
    public static final String DEFAULT_DATABASE = "it";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (EmbeddedInfra.configuredMode() == EmbeddedInfra.Mode.TESTCONTAINERS) {
            Assumptions.assumeTrue(DockerProbe.dockerAvailable(),
                    "infra.mode=testcontainers, but no Docker engine answers: skipped");
        }
        EmbeddedInfra infra = EmbeddedInfra.shared();
        infra.ensureRunning();
        System.setProperty(KAFKA_PROPERTY, infra.bootstrapServers());
        System.setProperty(MONGO_PROPERTY, infra.mongoUri(DEFAULT_DATABASE));
    }
}
