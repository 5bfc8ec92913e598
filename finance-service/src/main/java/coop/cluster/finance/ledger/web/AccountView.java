package coop.cluster.finance.ledger.web;

import coop.cluster.finance.ledger.domain.Account;

/** An account of the chart. */
record AccountView(
        String code,
        String name,
        String type,
        String normalSide,
        String currency,
        boolean mayGoNegative,
        String parent) {

    static AccountView of(Account account) {
        return new AccountView(
                account.code(),
                account.name(),
                account.type().name(),
                account.normalSide().name(),
                account.currency().getCurrencyCode(),
                account.mayGoNegative(),
                account.parentCode());
    }
}
