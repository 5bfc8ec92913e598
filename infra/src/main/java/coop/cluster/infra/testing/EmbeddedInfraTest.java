package coop.cluster.infra.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the shared real broker and store ({@link EmbeddedInfra}); Spring Boot
 * tests pick them up through {@code spring.kafka.bootstrap-servers} and {@code spring.mongodb.uri}.
 *
 * <pre>
 * &#64;EmbeddedInfraTest
 * &#64;SpringBootTest
 * class MemberRegistrationIT { ... }
 * </pre>
 *
 * With {@code mail = true}, a mail catcher too, reached through {@code spring.mail.host} and {@code
 * spring.mail.port} and read with {@code EmbeddedInfra.shared().mailBox()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedInfraExtension.class)
public @interface EmbeddedInfraTest {

    /**
     * Start the mail catcher (a real SMTP server) and publish its address to Spring Boot. Off by
     * default.
     */
    boolean mail() default false;
}
