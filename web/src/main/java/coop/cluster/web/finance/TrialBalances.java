package coop.cluster.web.finance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The trial balance as a table: per currency, the total of the debit balances and of the credit
 * balances of every account (each account's own balance, so that a sub-account counts once), the
 * memo accounts apart. Equal totals are what the API's zero trial balance means.
 */
@Component("trialBalances")
public class TrialBalances {

    public record Total(String currency, boolean memo, BigDecimal debits, BigDecimal credits) {}

    public List<Total> of(LedgerApi.Balances balances) {
        Map<String, BigDecimal[]> inBalance = new TreeMap<>();
        Map<String, BigDecimal[]> memo = new TreeMap<>();
        for (LedgerApi.AccountBalance account : balances.accounts()) {
            BigDecimal[] totals =
                    (account.memo() ? memo : inBalance)
                            .computeIfAbsent(
                                    account.currency(),
                                    currency ->
                                            new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            if (account.debit() != null) {
                totals[0] = totals[0].add(account.debit());
            }
            if (account.credit() != null) {
                totals[1] = totals[1].add(account.credit());
            }
        }
        List<Total> totals = new ArrayList<>();
        inBalance.forEach(
                (currency, sums) -> totals.add(new Total(currency, false, sums[0], sums[1])));
        memo.forEach((currency, sums) -> totals.add(new Total(currency, true, sums[0], sums[1])));
        return totals;
    }
}
