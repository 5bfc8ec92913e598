package coop.cluster.web.publicpage;

import coop.cluster.web.api.ClusterApi.Page;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The gateway's anonymous API as the public page uses it: the members who chose to be listed,
 * published reports.
 */
@Component
class PublicApi {

    private final RestClient api;

    PublicApi(@Qualifier("publicGatewayApi") RestClient publicGatewayApi) {
        this.api = publicGatewayApi;
    }

    /**
     * {@code GET /api/public/members} (membership-service): active members listed publicly, by
     * name.
     */
    Page<PublicMember> members(int page, int size) {
        return api.get()
                .uri("/api/public/members?page={page}&size={size}", page, size)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    /**
     * {@code GET /api/public/reports} (finance-service: {@code {items, page, size,
     * totalElements}}), newest first.
     */
    List<PublishedReport> reports(int size) {
        ReportList list =
                api.get()
                        .uri("/api/public/reports?page=0&size={size}", size)
                        .retrieve()
                        .body(ReportList.class);
        return list == null || list.items() == null ? List.of() : list.items();
    }

    record PublicMember(
            String legalName,
            String country,
            String region,
            List<String> sectors,
            String organisationType,
            String website,
            String description,
            Instant memberSince) {}

    record ReportList(
            List<PublishedReport> items, Integer page, Integer size, Long totalElements) {}

    record PublishedReport(String periodId, String kind, Boolean sealed, Instant publishedAt) {}
}
