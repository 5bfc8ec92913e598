package coop.cluster.infra.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the shared {@link EmbeddedInfra} before a test class and publishes it to Spring Boot
 * through system properties: {@value #KAFKA_PROPERTY} and {@value #MONGO_PROPERTY} (database
 * {@value #DEFAULT_DATABASE}). A test that needs its own database overrides the latter, e.g. with
 * {@code @DynamicPropertySource} and {@code EmbeddedInfra.shared().mongoUri("x")}.
 *
 * <p>With {@code @EmbeddedInfraTest(mail = true)} it also starts the mail catcher and publishes its
 * SMTP address as {@value #MAIL_HOST_PROPERTY} and {@value #MAIL_PORT_PROPERTY}; read the messages
 * with {@code EmbeddedInfra.shared().mailBox()}.
 */
public class EmbeddedInfraExtension implements BeforeAllCallback {

    public static final String KAFKA_PROPERTY = "spring.kafka.bootstrap-servers";
    public static final String MONGO_PROPERTY = "spring.mongodb.uri";
    public static final String DEFAULT_DATABASE = "it";
    public static final String MAIL_HOST_PROPERTY = "spring.mail.host";
    public static final String MAIL_PORT_PROPERTY = "spring.mail.port";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (EmbeddedInfra.configuredMode() == EmbeddedInfra.Mode.TESTCONTAINERS) {
            Assumptions.assumeTrue(
                    DockerProbe.dockerAvailable(),
                    "infra.mode=testcontainers, but no Docker engine answers: skipped");
        }
        EmbeddedInfra infra = EmbeddedInfra.shared();
        infra.ensureRunning();
        System.setProperty(KAFKA_PROPERTY, infra.bootstrapServers());
        System.setProperty(MONGO_PROPERTY, infra.mongoUri(DEFAULT_DATABASE));
        boolean mail =
                context.getTestClass()
                        .flatMap(c -> AnnotationSupport.findAnnotation(c, EmbeddedInfraTest.class))
                        .map(EmbeddedInfraTest::mail)
                        .orElse(false);
        if (mail) {
            System.setProperty(MAIL_PORT_PROPERTY, Integer.toString(infra.smtpPort()));
            System.setProperty(MAIL_HOST_PROPERTY, infra.smtpHost());
        }
    }
}
