package coop.cluster.finance;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * The ledger's balances as the ITs read them over HTTP, and how an account moved between two reads.
 */
public final class LedgerBalances {

    private LedgerBalances() {}

    /** {@code GET /api/finance/ledger/balances} as {@code token}, which must answer 200. */
    public static JsonNode read(Api api, String token) {
        Answer answer = api.get("/api/finance/ledger/balances", token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The account {@code code} of a read, or {@code null} when it is not opened yet. */
    public static JsonNode account(JsonNode balances, String code) {
        for (JsonNode account : balances.get("accounts")) {
            if (account.get("code").asString().equals(code)) {
                return account;
            }
        }
        return null;
    }

    /** The account's own balance (zero for an account not opened yet). */
    public static BigDecimal amount(JsonNode balances, String code) {
        JsonNode account = account(balances, code);
        return account == null
                ? BigDecimal.ZERO
                : new BigDecimal(account.get("balance").asString());
    }

    /** How much an account's own balance moved between two reads. */
    public static BigDecimal change(JsonNode before, JsonNode after, String code) {
        return amount(after, code).subtract(amount(before, code));
    }
}
