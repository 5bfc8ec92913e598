package coop.cluster.web.finance;

import java.math.BigDecimal;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** finance-service's project budgets against actuals through the gateway. */
@Component
public class BudgetsApi {

    private final RestClient api;

    BudgetsApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/finance/projects/budgets?page=&size=}, the most recently opened first. */
    public Listing<Budget> list(int page, int size) {
        return api.get()
                .uri("/api/finance/projects/budgets?page={page}&size={size}", page, size)
                .retrieve()
                .body(new ParameterizedTypeReference<Listing<Budget>>() {});
    }

    public record Budget(
            String projectId,
            String title,
            String currency,
            BigDecimal pledged,
            BigDecimal received,
            BigDecimal outstanding,
            BigDecimal spent,
            BigDecimal released,
            BigDecimal unfunded,
            BigDecimal remaining) {}
}
