package coop.cluster.web.publicpage;

import coop.cluster.web.api.ClusterApi.Page;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** The gateway's anonymous API as the public page uses it: the members who chose to be listed, published reports. */
@Component
class PublicApi {

    private final RestClient api;

    PublicApi(@Qualifier("publicGatewayApi") RestClient publicGatewayApi) {
        this.api = publicGatewayApi;
    }

    /** {@code GET /api/public/members} (membership-service): active members listed publicly, by name. */
    Page<PublicMember> members(int page, int size) {
        return api.get().uri("/api/public/members?page={page}&size={size}", page, size).retrieve()
                .body(new ParameterizedTypeReference<>() { });
    }

    /** {@code GET /api/public/reports} (finance-service): the published reports, newest first. */
    Page<PublishedReport> reports(int size) {
        return api.get().uri("/api/public/reports?size={size}", size).retrieve()
                .body(new ParameterizedTypeReference<>() { });
    }

    record PublicMember(String legalName, String country, String region, List<String> sectors,
                        String organisationType, String website, String description, Instant memberSince) {
    }

    record PublishedReport(String periodId, String periodKind, Instant publishedAt) {
    }
}
