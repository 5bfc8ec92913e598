package coop.cluster.web.finance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * finance-service's ledger through the gateway: the journal by sequence and every account's
 * balance.
 */
@Component
public class LedgerApi {

    private final RestClient api;

    LedgerApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /**
     * {@code GET /api/finance/ledger/entries?from=&size=}: entries from a sequence on, in sequence
     * order.
     */
    public Journal entries(long from, int size) {
        return api.get()
                .uri("/api/finance/ledger/entries?from={from}&size={size}", from, size)
                .retrieve()
                .body(Journal.class);
    }

    /** {@code GET /api/finance/ledger/balances}. */
    public Balances balances() {
        return api.get().uri("/api/finance/ledger/balances").retrieve().body(Balances.class);
    }

    public record Journal(List<Entry> entries, long from, int size, Long next) {
        public Journal {
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    public record Entry(
            long sequence,
            LocalDate date,
            String description,
            List<Posting> postings,
            String reverses) {
        public Entry {
            postings = postings == null ? List.of() : List.copyOf(postings);
        }

        /** Whether a posting is to this account or one of its sub-accounts. */
        public boolean touches(String account) {
            return postings.stream()
                    .anyMatch(
                            posting ->
                                    posting.account().equals(account)
                                            || posting.account().startsWith(account + ":"));
        }
    }

    public record Posting(String account, String side, BigDecimal amount, String currency) {

        public BigDecimal debit() {
            return "DEBIT".equals(side) ? amount : null;
        }

        public BigDecimal credit() {
            return "CREDIT".equals(side) ? amount : null;
        }
    }

    public record Balances(
            List<AccountBalance> accounts,
            Map<String, BigDecimal> trialBalance,
            Map<String, BigDecimal> memoTrialBalance,
            boolean balanced) {
        public Balances {
            accounts = accounts == null ? List.of() : List.copyOf(accounts);
            trialBalance = trialBalance == null ? Map.of() : trialBalance;
            memoTrialBalance = memoTrialBalance == null ? Map.of() : memoTrialBalance;
        }
    }

    public record AccountBalance(
            String code,
            String name,
            String type,
            String normalSide,
            String currency,
            String parent,
            BigDecimal balance,
            BigDecimal total) {

        public BigDecimal debit() {
            return FinanceFormats.debit(balance, normalSide);
        }

        public BigDecimal credit() {
            return FinanceFormats.credit(balance, normalSide);
        }

        public boolean memo() {
            return "MEMO".equals(type);
        }

        public boolean active() {
            return total != null && total.signum() != 0;
        }

        /** How deep in the chart: 0 for a top-level account, one more per sub-account level. */
        public int depth() {
            return (int) code.chars().filter(c -> c == ':').count() / 2;
        }
    }
}
