package coop.cluster.fundingwatch.watch;

import coop.cluster.fundingwatch.call.domain.CallKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A member's saved watch: what calls its organisation wants to hear of. A call fits a watch when it
 * is open or forthcoming, matches any of its keywords (stemmed text, each keyword with all its
 * words), and is in one of its programmes and of one of its kinds (each list that is empty is no
 * condition). At least one criterion is given.
 *
 * @param memberId the organisation that owns the watch
 * @param createdBy the user (subject) who created it
 * @param version the store's optimistic-concurrency version; null before the first write
 */
public record Watch(
        String id,
        String memberId,
        String name,
        List<String> keywords,
        List<String> programmes,
        List<CallKind> kinds,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Long version) {

    public Watch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(name, "name");
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        programmes = programmes == null ? List.of() : List.copyOf(programmes);
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }
}
