package coop.cluster.web.directory;

import coop.cluster.web.api.ClusterApi;
import coop.cluster.web.api.QueryFilters;
import coop.cluster.web.home.ListAnswer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * The members directory (membership-service, {@code GET /api/directory}): active members' public
 * profiles and contacts, for active members' users and managers. The API has no "one member" read
 * for other organisations, so a member's page and the names of project partners are found by
 * searching it.
 */
@Component
public class DirectoryApi {

    /** How far a member's page and the partners' names look: pages of 100, the cluster is small. */
    private static final int SCAN_PAGES = 5;

    private final RestClient api;

    DirectoryApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/directory?q=&competence=&sector=&region=&resource=&type=&page=&size=}. */
    public ClusterApi.Page<Entry> search(Search search, int page, int size) {
        Map<String, Object> values = new HashMap<>();
        ListAnswer<Entry> answer =
                api.get()
                        .uri(
                                uri -> {
                                    uri.path("/api/directory");
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

    /**
     * One member of the directory, looked for by its name first (a hint from the link), then page
     * by page.
     */
    public Optional<Entry> member(String id, String nameHint) {
        if (nameHint != null && !nameHint.isBlank()) {
            Optional<Entry> found =
                    search(new Search(nameHint, null, null, null, null, null), 0, 20)
                            .content()
                            .stream()
                            .filter(e -> id.equals(e.id()))
                            .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        for (int page = 0; page < SCAN_PAGES; page++) {
            ClusterApi.Page<Entry> entries = search(Search.NONE, page, 100);
            Optional<Entry> found =
                    entries.content().stream().filter(e -> id.equals(e.id())).findFirst();
            if (found.isPresent() || page + 1 >= entries.totalPages()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Member id → legal name, for the active members (to name project partners rather than show
     * their ids).
     */
    public Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        for (int page = 0; page < SCAN_PAGES; page++) {
            ClusterApi.Page<Entry> entries = search(Search.NONE, page, 100);
            entries.content().forEach(e -> names.put(e.id(), e.legalName()));
            if (page + 1 >= entries.totalPages()) {
                break;
            }
        }
        return names;
    }

    /** The directory's filters, as the page's URL and the API both name them. */
    public record Search(
            String q,
            String competence,
            String sector,
            String region,
            String resource,
            String type) {

        public static final Search NONE = new Search(null, null, null, null, null, null);

        void put(UriBuilder uri, Map<String, Object> values) {
            add(uri, values, "q", q);
            add(uri, values, "competence", competence);
            add(uri, values, "sector", sector);
            add(uri, values, "region", region);
            add(uri, values, "resource", resource);
            add(uri, values, "type", type);
        }

        public boolean any() {
            return has(q)
                    || has(competence)
                    || has(sector)
                    || has(region)
                    || has(resource)
                    || has(type);
        }

        private static boolean has(String value) {
            return QueryFilters.has(value);
        }

        private static void add(
                UriBuilder uri, Map<String, Object> values, String name, String value) {
            QueryFilters.add(uri, values, name, value);
        }
    }

    public record Entry(
            String id,
            String legalName,
            String country,
            String region,
            List<String> sectors,
            String organisationType,
            String sizeBand,
            List<String> competences,
            List<Resource> offeredResources,
            List<Contact> contacts,
            String description,
            String website,
            List<Group> groups) {
        public Entry {
            sectors = sectors == null ? List.of() : sectors;
            competences = competences == null ? List.of() : competences;
            offeredResources = offeredResources == null ? List.of() : offeredResources;
            contacts = contacts == null ? List.of() : contacts;
            groups = groups == null ? List.of() : groups;
        }
    }

    public record Resource(String type, String description) {}

    public record Contact(String name, String role, String email, String phone) {}

    public record Group(String id, String name) {}
}
