package coop.cluster.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The platform's embedded OAuth 2 / OpenID Connect authorization server (docs/identity.md), the default issuer of
 * {@code ./platform run}.
 */
@SpringBootApplication
public class AuthServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServerApplication.class, args);
    }
}
