package coop.cluster.fundingwatch.watch.web;

import coop.cluster.fundingwatch.watch.Watch;
import java.time.Instant;
import java.util.List;

/** A watch as the API shows it; its version is the ETag. */
record WatchView(
        String id,
        String memberId,
        String name,
        List<String> keywords,
        List<String> programmes,
        List<String> kinds,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    static WatchView of(Watch w) {
        return new WatchView(
                w.id(),
                w.memberId(),
                w.name(),
                w.keywords(),
                w.programmes(),
                w.kinds().stream().map(Enum::name).toList(),
                w.createdBy(),
                w.createdAt(),
                w.updatedAt());
    }

    /** A page of watches. */
    record Page(List<WatchView> content, int page, int size, long totalElements, int totalPages) {}
}
