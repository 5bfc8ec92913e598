package coop.cluster.plumbing.resilience;

import coop.cluster.plumbing.security.RequestRules;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service made of the plumbing with its defaults, run in a child JVM by {@link RequestThreadsIT}:
 * its requests run {@link PinnedClassLoading} on whatever threads the platform gives them. Prints
 * {@code PROBE PORT=<port>}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ProbeServiceMain.ProbeController.class)
public class ProbeServiceMain {

    public static void main(String[] args) {
        SpringApplication.run(ProbeServiceMain.class, args);
    }

    @Bean
    RequestRules openProbe() {
        return registry -> registry.requestMatchers("/api/probe/**").permitAll();
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> printPort() {
        return event -> System.out.println("PROBE PORT=" + event.getWebServer().getPort());
    }

    @RestController
    static class ProbeController {

        private final PinnedClassLoading scenario = new PinnedClassLoading();

        /** Holds the stand-in for the jar's monitor, blocked, like a slow resource read. */
        @PostMapping("/api/probe/hold")
        Map<String, Object> hold(@RequestParam long millis) throws InterruptedException {
            scenario.holdJar(new CountDownLatch(1), Duration.ofMillis(millis));
            return Map.of("held", millis, "virtual", Thread.currentThread().isVirtual());
        }

        /** Runs code whose first call makes the JVM load a class through the held monitor. */
        @GetMapping("/api/probe/load")
        Map<String, Object> load() {
            return Map.of(
                    "class",
                    scenario.loadThroughTheJvm(),
                    "virtual",
                    Thread.currentThread().isVirtual());
        }
    }
}
