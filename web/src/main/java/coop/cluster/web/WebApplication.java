package coop.cluster.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web console: a backend for frontend (docs/web.md). Browsers reach it through the gateway at
 * {@code /} and hold only its session cookie; it logs people in at the issuer, keeps their tokens
 * and calls the gateway's API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}
