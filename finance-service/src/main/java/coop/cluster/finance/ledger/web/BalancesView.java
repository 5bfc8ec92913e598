package coop.cluster.finance.ledger.web;

import coop.cluster.finance.ledger.domain.Account;
import coop.cluster.finance.ledger.domain.AccountBalance;
import coop.cluster.finance.ledger.domain.Balances;
import coop.cluster.finance.ledger.domain.Money;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every account's balance, signed by its normal side (positive is the usual state), and the trial
 * balance.
 *
 * @param trialBalance debits minus credits per currency over the accounts inside the balance and
 *     the conversion positions: zero for every currency when the ledger is sound
 * @param memoTrialBalance the same over the memo accounts
 * @param conversions the open position of recorded conversions per currency (debits minus credits)
 * @param balanced whether every trial balance is zero
 */
record BalancesView(
        List<AccountBalanceView> accounts,
        Map<String, String> trialBalance,
        Map<String, String> memoTrialBalance,
        Map<String, String> conversions,
        boolean balanced) {

    /**
     * @param balance the account's own balance
     * @param total its balance with all its sub-accounts' (the same as {@code balance} for an
     *     account without any)
     */
    record AccountBalanceView(
            String code,
            String name,
            String type,
            String normalSide,
            String currency,
            String parent,
            String balance,
            String total) {

        static AccountBalanceView of(AccountBalance balance, Money total) {
            Account account = balance.account();
            return new AccountBalanceView(
                    account.code(),
                    account.name(),
                    account.type().name(),
                    account.normalSide().name(),
                    account.currency().getCurrencyCode(),
                    account.parentCode(),
                    balance.balance().amount().toPlainString(),
                    total.amount().toPlainString());
        }
    }

    static BalancesView of(Balances balances) {
        Map<Currency, Money> trial = balances.trialBalance();
        Map<Currency, Money> memo = balances.memoTrialBalance();
        boolean balanced =
                trial.values().stream().allMatch(Money::isZero)
                        && memo.values().stream().allMatch(Money::isZero);
        // each balance counts in its account's total and every ancestor's: one walk up per account
        Map<String, AccountBalance> byCode = balances.byCode();
        Map<String, Money> totals = new LinkedHashMap<>();
        for (AccountBalance balance : byCode.values()) {
            for (Account account = balance.account();
                    account != null;
                    account =
                            account.parentCode() == null
                                    ? null
                                    : byCode.get(account.parentCode()).account()) {
                totals.merge(account.code(), balance.balance(), Money::add);
            }
        }
        return new BalancesView(
                balances.accounts().stream()
                        .map(
                                balance ->
                                        AccountBalanceView.of(
                                                balance, totals.get(balance.account().code())))
                        .toList(),
                byCode(trial),
                byCode(memo),
                byCode(balances.conversions()),
                balanced);
    }

    private static Map<String, String> byCode(Map<Currency, Money> amounts) {
        Map<String, String> byCode = new TreeMap<>();
        amounts.forEach(
                (currency, money) ->
                        byCode.put(currency.getCurrencyCode(), money.amount().toPlainString()));
        return new LinkedHashMap<>(byCode);
    }
}
