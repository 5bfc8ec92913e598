package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The signing key survives a restart: two starts with the same key file publish the same key. */
@EmbeddedInfraTest // people live in the store, events go to the broker
class SigningKeyPersistenceTest {

    @TempDir Path directory;

    @Test
    void twoStartsWithTheSameKeyFilePublishTheSameKey() throws Exception {
        Path keyFile = directory.resolve("keys").resolve("signing-key.jwk");

        RSAKey first;
        String tokenFromFirstStart;
        try (ConfigurableApplicationContext context = start(keyFile)) {
            OAuthClient client = client(context);
            first = publishedKey(client);
            tokenFromFirstStart =
                    OAuthClient.json(
                                    client.token(
                                                    Map.of("grant_type", "client_credentials"),
                                                    "feed-eu-portal",
                                                    "feed-eu-portal-secret")
                                            .body())
                            .path("access_token")
                            .asString();
        }
        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(keyFile)).contains("\"d\"").contains(first.getKeyID());

        try (ConfigurableApplicationContext context = start(keyFile)) {
            OAuthClient client = client(context);
            RSAKey second = publishedKey(client);

            assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
            assertThat(second.getModulus()).isEqualTo(first.getModulus());
            assertThat(second.getPublicExponent()).isEqualTo(first.getPublicExponent());
            JWTClaimsSet claims =
                    client.verify(
                            tokenFromFirstStart); // a token of before the restart still verifies
            assertThat(claims.getSubject()).isEqualTo("feed-eu-portal");
        }
    }

    @Test
    void anotherKeyFileMeansAnotherKey() throws Exception {
        RSAKey one;
        try (ConfigurableApplicationContext context = start(directory.resolve("one.jwk"))) {
            one = publishedKey(client(context));
        }
        try (ConfigurableApplicationContext context = start(directory.resolve("two.jwk"))) {
            assertThat(publishedKey(client(context)).getModulus()).isNotEqualTo(one.getModulus());
        }
    }

    private static ConfigurableApplicationContext start(Path keyFile) {
        // command-line arguments: they win over application.yml (default properties would not)
        return new SpringApplicationBuilder(AuthServerApplication.class)
                .run(
                        "--server.port=0",
                        "--cluster.identity.demo.enabled=true",
                        "--cluster.identity.signing-key-file=" + keyFile);
    }

    private static OAuthClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new OAuthClient("http://localhost:" + port);
    }

    private static RSAKey publishedKey(OAuthClient client) throws ParseException {
        JWKSet jwks = JWKSet.parse(client.browse("/oauth2/jwks").body());
        assertThat(jwks.getKeys()).hasSize(1);
        RSAKey key = jwks.getKeys().getFirst().toRSAKey();
        assertThat(key.isPrivate()).as("only the public part is published").isFalse();
        return key;
    }
}
