package coop.cluster.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser access to the API from other origins (the web app on :5173 by default). Credentials
 * (cookies) are never allowed: the API takes bearer tokens only.
 *
 * @param allowedOrigins exact origins, e.g. {@code https://cluster.example.org}
 * @param allowedHeaders request headers a browser may send
 * @param exposedHeaders response headers a script may read
 * @param maxAge how long a browser may cache a preflight answer
 */
@ConfigurationProperties("cluster.gateway.cors")
record CorsProperties(
        @DefaultValue({"http://127.0.0.1:5173", "http://localhost:5173"})
                List<String> allowedOrigins,
        @DefaultValue({"Authorization", "Content-Type", "X-Correlation-Id", "Idempotency-Key"})
                List<String> allowedHeaders,
        @DefaultValue({"X-Correlation-Id", "Retry-After", "Location", "X-RateLimit-Remaining"})
                List<String> exposedHeaders,
        @DefaultValue("1h") Duration maxAge) {}
