package coop.cluster.web.finance;

import coop.cluster.web.api.ClusterApi;
import java.util.List;

/**
 * A page of a finance list as finance-service answers it ({@code {items, page, size, total}}),
 * turned into the console's {@link ClusterApi.Page} for the pager fragment.
 */
public record Listing<T>(List<T> items, int page, int size, long total) {

    public Listing {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public ClusterApi.Page<T> toPage() {
        long pages = size <= 0 ? 1 : Math.max(1, (total + size - 1) / size);
        return new ClusterApi.Page<>(items, new ClusterApi.PageMetadata(size, page, total, pages));
    }
}
