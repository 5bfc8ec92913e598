package coop.cluster.plumbing.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The incident on a service built from the plumbing with its defaults, on 2 carriers: one request
 * holds a lock that class loading needs, while blocked; four more make the JVM load a class through
 * that lock. On virtual threads (the defaults before the fix) the four pin both carriers and no
 * request is ever answered again, the health check neither; on the platform threads the plumbing
 * now gives requests, all are answered.
 */
class RequestThreadsIT {

    private static final Pattern PORT = Pattern.compile("PROBE PORT=(\\d+)");

    @Test
    void requestsBlockedInClassLoadingDoNotStopTheService() throws Exception {
        try (ChildJvm service =
                ChildJvm.builder(ProbeServiceMain.class)
                        .name("probe-service")
                        .systemProperty("jdk.virtualThreadScheduler.parallelism", "2")
                        .args(
                                "--server.port=0",
                                "--spring.application.name=probe-service",
                                // nothing of these is reached: the requests touch neither store nor
                                // broker
                                "--spring.mongodb.uri=mongodb://127.0.0.1:9/probe",
                                "--spring.kafka.bootstrap-servers=127.0.0.1:9",
                                "--management.tracing.sampling.probability=0",
                                // no broker and no store: no revocations to consume nor to load
                                "--cluster.security.revocations.enabled=false")
                        .start()) {
            service.awaitOutput("PROBE PORT=", Duration.ofSeconds(90));
            Matcher port = PORT.matcher(service.outputText());
            assertThat(port.find()).isTrue();
            URI base = URI.create("http://127.0.0.1:" + port.group(1));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            // the port is printed when the web server starts, a little before the application has
            // started (and
            // is live): on a loaded machine that gap can take a while
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () ->
                                    get(http, base.resolve("/actuator/health/liveness"))
                                                    .join()
                                                    .statusCode()
                                            == 200);

            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            answers.add(
                    http.sendAsync(
                            HttpRequest.newBuilder(base.resolve("/api/probe/hold?millis=1500"))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .timeout(Duration.ofSeconds(15))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
            TimeUnit.MILLISECONDS.sleep(500); // the holder has the lock and is blocked
            for (int i = 0; i < 4; i++) {
                answers.add(get(http, base.resolve("/api/probe/load")));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response =
                        answer.exceptionally(e -> null).get(20, TimeUnit.SECONDS);
                assertThat(response)
                        .as(
                                "every request answered; the service's output:%n%s",
                                service.outputTail(40))
                        .isNotNull();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).contains("\"virtual\":false");
            }
            assertThat(get(http, base.resolve("/actuator/health/liveness")).join().statusCode())
                    .isEqualTo(200);
        }
    }

    private static CompletableFuture<HttpResponse<String>> get(HttpClient http, URI uri) {
        return http.sendAsync(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
