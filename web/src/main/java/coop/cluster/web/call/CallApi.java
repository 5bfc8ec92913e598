package coop.cluster.web.call;

import coop.cluster.web.api.ClusterApi;
import coop.cluster.web.api.QueryFilters;
import coop.cluster.web.home.ListAnswer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * funding-watch-service through the gateway (docs/services/funding-watch-service.md): the search
 * over funding calls, one call, the organisation's recommended calls, and its saved watches.
 *
 * <p>The API has no "follow this call": watching a call here is a saved watch made for it, named
 * after the call and looking for its identifier (or its title) in its programme and kind; {@link
 * #watchOf} finds it again.
 */
@Component
public class CallApi {

    private final RestClient api;

    CallApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/calls?q=&status=&programme=&kind=&deadlineFrom=&deadlineTo=&page=&size=}. */
    public ClusterApi.Page<Summary> search(Search search, int page, int size) {
        Map<String, Object> values = new HashMap<>();
        ListAnswer<Summary> answer =
                api.get()
                        .uri(
                                uri -> {
                                    uri.path("/api/calls");
                                    search.put(uri, values);
                                    values.put("page", page);
                                    values.put("size", size);
                                    return uri.queryParam("page", "{page}")
                                            .queryParam("size", "{size}")
                                            .build(values);
                                })
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return answer == null ? ListAnswer.empty() : answer.toPage();
    }

    /** {@code GET /api/calls/{id}}. */
    public Call call(String id) {
        return api.get().uri("/api/calls/{id}", id).retrieve().body(Call.class);
    }

    /**
     * {@code GET /api/calls/{id}/changes?page=&size=}: the call's changes the cluster keeps, newest
     * first.
     */
    public ClusterApi.Page<Change> changes(String id, int page, int size) {
        ListAnswer<Change> answer =
                api.get()
                        .uri("/api/calls/{id}/changes?page={page}&size={size}", id, page, size)
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return answer == null ? ListAnswer.empty() : answer.toPage();
    }

    /**
     * {@code GET /api/calls/recommended}: the caller's organisation's, best first, with the
     * reasons.
     */
    public List<Recommended> recommended(int size) {
        ListAnswer<Recommended> answer =
                api.get()
                        .uri("/api/calls/recommended?size={size}", size)
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return answer == null ? List.of() : answer.items();
    }

    /** {@code GET /api/watches}: the organisation's saved watches (the first 100). */
    public List<Watch> watches() {
        ListAnswer<Watch> answer =
                api.get()
                        .uri("/api/watches?size=100")
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return answer == null ? List.of() : answer.items();
    }

    /** {@code GET /api/watches/{id}/calls}: the open and forthcoming calls that fit a watch now. */
    public List<Summary> callsOf(String watchId, int size) {
        ListAnswer<Summary> answer =
                api.get()
                        .uri("/api/watches/{id}/calls?size={size}", watchId, size)
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return answer == null ? List.of() : answer.items();
    }

    /**
     * The next cut-offs of the calls the organisation watches: each watch's calls (the first {@code
     * watches}), the soonest next deadline first, each call once.
     */
    public List<Summary> upcomingDeadlines(int watches, int limit) {
        Map<String, Summary> calls = new HashMap<>();
        watches().stream()
                .limit(watches)
                .forEach(
                        watch ->
                                callsOf(watch.id(), 10).stream()
                                        .filter(call -> call.nextDeadline() != null)
                                        .forEach(call -> calls.putIfAbsent(call.id(), call)));
        List<Summary> sorted = new ArrayList<>(calls.values());
        sorted.sort((a, b) -> a.nextDeadline().compareTo(b.nextDeadline()));
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    /** The watch made for this call, if the organisation has one. */
    public Watch watchOf(Call call, List<Watch> watches) {
        WatchRequest wanted = WatchRequest.of(call);
        return watches.stream()
                .filter(
                        w ->
                                wanted.name().equals(w.name())
                                        && wanted.keywords().equals(w.keywords()))
                .findFirst()
                .orElse(null);
    }

    /** {@code POST /api/watches}: a watch for this call. */
    public Watch watch(Call call) {
        return api.post()
                .uri("/api/watches")
                .body(WatchRequest.of(call))
                .retrieve()
                .body(Watch.class);
    }

    /** {@code DELETE /api/watches/{id}}. */
    public void unwatch(String watchId) {
        api.delete().uri("/api/watches/{id}", watchId).retrieve().toBodilessEntity();
    }

    /** The search's filters, as the page's URL and the API both name them. */
    public record Search(
            String q,
            String status,
            String programme,
            String kind,
            String deadlineFrom,
            String deadlineTo) {

        public static final Search NONE = new Search(null, null, null, null, null, null);

        void put(UriBuilder uri, Map<String, Object> values) {
            add(uri, values, "q", q);
            add(uri, values, "status", status);
            add(uri, values, "programme", programme);
            add(uri, values, "kind", kind);
            add(uri, values, "deadlineFrom", deadlineFrom);
            add(uri, values, "deadlineTo", deadlineTo);
        }

        public boolean any() {
            return has(q)
                    || has(status)
                    || has(programme)
                    || has(kind)
                    || has(deadlineFrom)
                    || has(deadlineTo);
        }

        private static boolean has(String value) {
            return QueryFilters.has(value);
        }

        private static void add(
                UriBuilder uri, Map<String, Object> values, String name, String value) {
            QueryFilters.add(uri, values, name, value);
        }
    }

    public record Budget(BigDecimal amount, String currency) {}

    public record Summary(
            String id,
            String title,
            String programme,
            String kind,
            String status,
            Instant nextDeadline,
            List<Instant> deadlines,
            Budget budget) {
        public Summary {
            deadlines = deadlines == null ? List.of() : deadlines;
        }
    }

    public record Call(
            String id,
            String identifier,
            String callIdentifier,
            String callTitle,
            String title,
            String programme,
            String description,
            List<String> keywords,
            String kind,
            String status,
            Instant openingDate,
            List<Instant> deadlines,
            Budget budget,
            List<String> eligibleCountries,
            String partnershipRequirement,
            String url,
            String projectName,
            String contractingAuthority,
            Instant firstSeen,
            Instant lastChanged,
            Instant closedAt,
            String closedReason) {
        public Call {
            keywords = keywords == null ? List.of() : keywords;
            deadlines = deadlines == null ? List.of() : deadlines;
            eligibleCountries = eligibleCountries == null ? List.of() : eligibleCountries;
        }

        /** The first cut-off still ahead, or null. */
        public Instant nextDeadline() {
            if ("CLOSED".equals(status)) {
                return null;
            }
            Instant now = Instant.now();
            return deadlines.stream().filter(d -> d.isAfter(now)).findFirst().orElse(null);
        }

        public boolean passed(Instant deadline) {
            return deadline.isBefore(Instant.now());
        }
    }

    /**
     * One change of a call: when, why it closed if it closed then, and each field with its value
     * before and after (a text, a list of texts, an ISO-8601 instant, {@code {amount, currency}},
     * or null).
     */
    public record Change(Instant at, String closedReason, List<FieldChange> fields) {
        public Change {
            fields = fields == null ? List.of() : fields;
        }
    }

    public record FieldChange(String field, Object before, Object after) {}

    public record Recommended(
            String callId,
            String title,
            String programme,
            String kind,
            String status,
            Instant nextDeadline,
            Integer score,
            Via via,
            List<Reason> reasons) {
        public Recommended {
            reasons = reasons == null ? List.of() : reasons;
        }
    }

    public record Via(String kind, String id, String name) {}

    public record Reason(String code, String value, String where, Integer points, String text) {}

    public record Watch(
            String id,
            String name,
            List<String> keywords,
            List<String> programmes,
            List<String> kinds) {
        public Watch {
            keywords = keywords == null ? List.of() : keywords;
        }
    }

    /** A watch for one call: its name, its identifier (else its title), its programme and kind. */
    record WatchRequest(
            String name, List<String> keywords, List<String> programmes, List<String> kinds) {

        static WatchRequest of(Call call) {
            String title =
                    call.title() == null || call.title().isBlank()
                            ? call.id()
                            : call.title().strip();
            String name = title.length() > 100 ? title.substring(0, 99) + "…" : title;
            String key =
                    call.identifier() != null && !call.identifier().isBlank()
                            ? call.identifier().strip()
                            : title.length() > 100 ? title.substring(0, 100) : title;
            return new WatchRequest(
                    name,
                    List.of(key),
                    call.programme() == null
                                    || call.programme().isBlank()
                                    || call.programme().length() > 500
                            ? List.of()
                            : List.of(call.programme()),
                    call.kind() == null ? List.of() : List.of(call.kind()));
        }
    }
}
