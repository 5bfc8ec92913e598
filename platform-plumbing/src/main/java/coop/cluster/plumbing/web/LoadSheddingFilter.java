package coop.cluster.plumbing.web;

import coop.cluster.plumbing.resilience.ThrottledLog;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds how many requests a service works on at once (a Resilience4j semaphore {@link Bulkhead}):
 * a request over the limit waits at most {@code maxQueueWait} for another to finish, else it is
 * answered at once with 503 {@code overloaded} and {@code Retry-After}, without reaching the
 * application. When the store is slow, requests otherwise pile up in Tomcat's threads and the
 * driver's pool wait queue, and each waits longer than the last: the clients time out on requests
 * that may still go through. The actuator's paths are never limited, so health checks and scraping
 * answer while the service is saturated. docs/resilience.md, "Overload: shedding load".
 */
public class LoadSheddingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LoadSheddingFilter.class);

    private final Bulkhead bulkhead;
    private final ProblemWriter problems;
    private final String retryAfter;
    private final String exemptPath;
    private final AtomicLong shed = new AtomicLong();
    private final ThrottledLog shedLog = new ThrottledLog(Duration.ofSeconds(10));

    /**
     * @param exemptPath never limited, nor anything below it: the actuator's base path
     */
    public LoadSheddingFilter(
            LoadSheddingSettings settings, ProblemWriter problems, String exemptPath) {
        this.bulkhead =
                Bulkhead.of(
                        "requests",
                        BulkheadConfig.custom()
                                .maxConcurrentCalls(settings.maxConcurrentRequests())
                                .maxWaitDuration(settings.maxQueueWait())
                                .build());
        this.problems = problems;
        this.retryAfter = Long.toString(Math.max(1, settings.overloadRetryAfter().toSeconds()));
        this.exemptPath =
                exemptPath.endsWith("/")
                        ? exemptPath.substring(0, exemptPath.length() - 1)
                        : exemptPath;
    }

    /** Requests being handled now. */
    public int inFlight() {
        Bulkhead.Metrics metrics = bulkhead.getMetrics();
        return metrics.getMaxAllowedConcurrentCalls() - metrics.getAvailableConcurrentCalls();
    }

    /** The limit. */
    public int maxConcurrentRequests() {
        return bulkhead.getMetrics().getMaxAllowedConcurrentCalls();
    }

    /** Requests refused since start. */
    public long shed() {
        return shed.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !exemptPath.isEmpty()
                && (path.equals(exemptPath) || path.startsWith(exemptPath + "/"));
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!bulkhead.tryAcquirePermission()) {
            refuse(request, response);
            return;
        }
        boolean releasedLater = false;
        try {
            chain.doFilter(request, response);
            if (request
                    .isAsyncStarted()) { // the request goes on on another thread: it is in flight
                // until then
                request.getAsyncContext().addListener(new ReleaseOnComplete());
                releasedLater = true;
            }
        } finally {
            if (!releasedLater) {
                bulkhead.onComplete();
            }
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long refused = shed.incrementAndGet();
        long leftOut = shedLog.admit();
        if (leftOut >= 0) {
            log.warn(
                    "At capacity ({} requests at once), answered 503 to {} {}{}; {} refused since"
                            + " start",
                    maxConcurrentRequests(),
                    request.getMethod(),
                    request.getRequestURI(),
                    leftOut > 0 ? " (and " + leftOut + " more since the last line)" : "",
                    refused);
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "overloaded", null);
    }

    /**
     * Gives the permit back once, when an asynchronous request completes (after a time-out or an
     * error too).
     */
    private final class ReleaseOnComplete implements AsyncListener {

        private final AtomicBoolean released = new AtomicBoolean();

        @Override
        public void onComplete(AsyncEvent event) {
            if (released.compareAndSet(false, true)) {
                bulkhead.onComplete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // a new asynchronous cycle of the same request: this listener must stay registered for
            // it
            event.getAsyncContext().addListener(this);
        }
    }
}
