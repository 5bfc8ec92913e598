package coop.cluster.web.home;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import coop.cluster.web.api.ClusterApi;
import java.util.List;
import java.util.Map;

/**
 * A list answer of any of the services, whatever its shape: Spring Data's {@code PagedModel}
 * ({@code content} and a {@code page} object), a serialized {@code Page} ({@code content}, {@code
 * number}, {@code totalElements}...), or the flat pages of funding-watch and finance ({@code
 * content} or {@code calls}, {@code page} as a number, {@code size}, {@code totalElements}, {@code
 * totalPages}). {@link #toPage()} gives the {@link ClusterApi.Page} the pager shows. (Used by the
 * member pages' API clients; it could become {@code ClusterApi.Page}'s own reading.)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListAnswer<T>(
        List<T> content,
        List<T> calls,
        Object page,
        Long number,
        Long size,
        Long totalElements,
        Long totalPages) {

    public List<T> items() {
        return content != null ? content : calls != null ? calls : List.of();
    }

    public ClusterApi.Page<T> toPage() {
        List<T> items = items();
        if (page instanceof Map<?, ?> metadata) {
            return new ClusterApi.Page<>(
                    items,
                    new ClusterApi.PageMetadata(
                            number(metadata.get("size"), items.size()),
                            number(metadata.get("number"), 0),
                            number(metadata.get("totalElements"), items.size()),
                            number(metadata.get("totalPages"), 1)));
        }
        long current = page instanceof Number n ? n.longValue() : number != null ? number : 0;
        long total = totalElements != null ? totalElements : items.size();
        long pageSize = size != null && size > 0 ? size : Math.max(items.size(), 1);
        long pages = totalPages != null ? totalPages : (total + pageSize - 1) / pageSize;
        return new ClusterApi.Page<>(
                items, new ClusterApi.PageMetadata(pageSize, current, total, pages));
    }

    private static long number(Object value, long otherwise) {
        return value instanceof Number n ? n.longValue() : otherwise;
    }

    /** An empty answer (no call made). */
    public static <T> ClusterApi.Page<T> empty() {
        return new ClusterApi.Page<>(List.of(), new ClusterApi.PageMetadata(0, 0, 0, 0));
    }
}
