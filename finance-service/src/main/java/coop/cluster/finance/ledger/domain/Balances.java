package coop.cluster.finance.ledger.domain;

import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A snapshot of every account's balance, derived from the entries only. Two snapshots are equal
 * when every account of the chart has the same balance and the conversions the same positions.
 *
 * @param byCode every account of the chart, by code, in chart order
 * @param conversions the position of the recorded conversions per currency, as debits minus
 *     credits: each conversion counts as a debit of what was given up and a credit of what was
 *     received, like an implicit currency-trading account. Valued in one currency, its total is the
 *     exchange result. Currencies with no open position are absent.
 */
public record Balances(Map<String, AccountBalance> byCode, Map<Currency, Money> conversions) {

    public Balances {
        byCode =
                java.util.Collections.unmodifiableMap(
                        new LinkedHashMap<>(Objects.requireNonNull(byCode, "byCode")));
        conversions = Map.copyOf(Objects.requireNonNull(conversions, "conversions"));
    }

    /** The balance of one account, or {@code account-unknown}. */
    public Money balance(String code) {
        AccountBalance balance = byCode.get(code);
        if (balance == null) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ACCOUNT_UNKNOWN, "no account " + code + " in the chart");
        }
        return balance.balance();
    }

    /**
     * The balance of an account together with all its sub-accounts, at any depth, or {@code
     * account-unknown}.
     */
    public Money total(String code) {
        Money total = Money.zero(balance(code).currency());
        for (AccountBalance balance : byCode.values()) {
            if (balance.account().isWithin(code)) {
                total = total.add(balance.balance());
            }
        }
        return total;
    }

    public List<AccountBalance> accounts() {
        return List.copyOf(byCode.values());
    }

    /**
     * Debits minus credits over every account inside the balance (all but memo) and the conversion
     * positions, per currency. Zero for every currency whenever the ledger is sound: this is the
     * trial balance.
     */
    public Map<Currency, Money> trialBalance() {
        Map<Currency, Money> sums = sum(true);
        conversions.forEach((currency, position) -> sums.merge(currency, position, Money::add));
        return sums;
    }

    /**
     * Debits minus credits over the memo accounts, per currency; zero as well, since memo entries
     * balance.
     */
    public Map<Currency, Money> memoTrialBalance() {
        return sum(false);
    }

    private Map<Currency, Money> sum(boolean inBalance) {
        Map<Currency, Money> sums =
                new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
        for (AccountBalance balance : byCode.values()) {
            if (balance.account().type().inBalance() == inBalance) {
                sums.merge(balance.account().currency(), balance.debitMinusCredit(), Money::add);
            }
        }
        return sums;
    }
}
