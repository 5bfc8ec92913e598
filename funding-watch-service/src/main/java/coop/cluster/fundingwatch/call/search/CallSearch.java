package coop.cluster.fundingwatch.call.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Service;

/**
 * Searches the funding calls in the {@link CallIndex}, timed ({@code cluster.fundingwatch.search}).
 */
@Service
public class CallSearch {

    /** Hits per page at most. */
    public static final int MAX_SIZE = 100;

    private final CallIndex index;
    private final Timer searches;

    CallSearch(CallIndex index, MeterRegistry meters) {
        this.index = index;
        this.searches =
                Timer.builder("cluster.fundingwatch.search")
                        .description("Searches of the funding calls")
                        .register(meters);
    }

    /**
     * Page {@code page} (0-based) of {@code size} (1 to {@value #MAX_SIZE}) of the calls matching
     * {@code query}.
     */
    public CallIndex.Result search(CallQuery query, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page " + page + ", size " + size);
        }
        return searches.record(() -> index.search(query, page, size));
    }
}
