package coop.cluster.auth;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auth-server on a random port with the demo identities, on the real embedded store (database
 * {@value #DATABASE}) and broker, a signing key in a fresh temporary directory and an issuer that
 * is not the server's own address (so the tests see that the configured issuer is the one used);
 * people live in the store. Subclasses share one application context. Every test logs in from
 * 127.0.0.1, so the address throttle is widened here; {@code LoginThrottlingIT} checks it with its
 * own database.
 */
@EmbeddedInfraTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AuthServerTestBase {

    static final String ISSUER = "http://issuer.cluster.test:9000";
    static final String DATABASE = "identity_it";
    private static final Path KEY_DIRECTORY = temporaryDirectory();

    @LocalServerPort int port;

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("auth_server_test"));
        registry.add("cluster.identity.issuer", () -> ISSUER);
        registry.add("cluster.identity.demo.enabled", () -> "true");
        registry.add(
                "cluster.identity.signing-key-file",
                () -> KEY_DIRECTORY.resolve("signing-key.jwk").toString());
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri(DATABASE));
        registry.add("cluster.identity.login.address-capacity", () -> "100000");
    }

    OAuthClient newClient() {
        return new OAuthClient("http://localhost:" + port);
    }

    static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("auth-server-test-");
            directory.toFile().deleteOnExit();
            directory.resolve("signing-key.jwk").toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
