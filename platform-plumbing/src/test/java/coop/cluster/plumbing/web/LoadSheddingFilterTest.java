package coop.cluster.plumbing.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limit itself, without a server: who is admitted, who is refused and how, when a permit comes
 * back.
 */
class LoadSheddingFilterTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private LoadSheddingFilter filter;

    @BeforeEach
    void setUp() {
        var messages = new ReloadableResourceBundleMessageSource();
        messages.setBasenames("classpath:problem-messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        filter =
                new LoadSheddingFilter(
                        new LoadSheddingSettings(1, Duration.ofMillis(20), Duration.ofSeconds(1)),
                        new ProblemWriter(messages, JsonMapper.builder().build()),
                        "/actuator");
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aRequestOverTheLimitIsA503OverloadedProblemWithRetryAfterAndNeverReachesTheApplication()
            throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = holdOne(holding, release);
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(filter.inFlight()).isEqualTo(1);

        MockHttpServletRequest second = request("/api/things");
        second.addHeader("Accept-Language", "fr");
        MockHttpServletResponse refused = new MockHttpServletResponse();
        boolean[] reached = {false};
        filter.doFilter(second, refused, (req, res) -> reached[0] = true);

        assertThat(reached[0]).isFalse();
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"type\":\"https://cluster.coop/problems/overloaded\"")
                .contains("\"title\":\"Service à pleine capacité\"")
                .contains("\"instance\":\"/api/things\"");
        assertThat(filter.shed()).isEqualTo(1);

        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        assertThat(filter.inFlight()).isZero();
        MockHttpServletResponse admitted = new MockHttpServletResponse();
        filter.doFilter(request("/api/things"), admitted, (req, res) -> reached[0] = true);
        assertThat(reached[0]).isTrue();
        assertThat(admitted.getStatus()).isEqualTo(200);
    }

    @Test
    void theActuatorIsNeverLimited() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        holdOne(holding, release);
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        try {
            for (String path :
                    new String[] {"/actuator", "/actuator/health", "/actuator/health/readiness"}) {
                MockHttpServletResponse health = new MockHttpServletResponse();
                boolean[] reached = {false};
                filter.doFilter(request(path), health, (req, res) -> reached[0] = true);
                assertThat(reached[0]).as(path).isTrue();
            }
            MockHttpServletResponse lookalike = new MockHttpServletResponse();
            filter.doFilter(request("/actuatorish"), lookalike, (req, res) -> {});
            assertThat(lookalike.getStatus()).isEqualTo(503);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anAsynchronousRequestHoldsItsPermitUntilItCompletes() throws Exception {
        MockHttpServletRequest async = request("/api/stream");
        async.setAsyncSupported(true);
        FilterChain startsAsync = (req, res) -> req.startAsync();
        filter.doFilter(async, new MockHttpServletResponse(), startsAsync);
        assertThat(filter.inFlight()).isEqualTo(1);

        async.getAsyncContext().complete();
        assertThat(filter.inFlight()).isZero();
    }

    @Test
    void aFailingRequestGivesItsPermitBack() {
        FilterChain failing =
                (req, res) -> {
                    throw new IllegalStateException("boom");
                };
        for (int i = 0; i < 3; i++) {
            try {
                filter.doFilter(request("/api/things"), new MockHttpServletResponse(), failing);
            } catch (Exception expected) {
                assertThat(expected).hasMessage("boom");
            }
        }
        assertThat(filter.inFlight()).isZero();
        assertThat(filter.shed()).isZero();
    }

    /** A request that takes the one permit and keeps it until {@code release}. */
    private Future<?> holdOne(CountDownLatch holding, CountDownLatch release) {
        return threads.submit(
                () -> {
                    filter.doFilter(
                            request("/api/things"),
                            new MockHttpServletResponse(),
                            (req, res) -> {
                                holding.countDown();
                                await(release);
                            });
                    return null;
                });
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRequestURI(path);
        return request;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
