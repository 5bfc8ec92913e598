package coop.cluster.finance.ledger.persistence;

import coop.cluster.finance.ledger.domain.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;

/**
 * The cached state of the ledger after some sequence: a cache only, which may lag the journal.
 *
 * @param sequence the last journal entry the balances include; 0 for none
 * @param balances every account with a balance, by code, signed by its normal side
 * @param conversions the conversion positions per currency (see {@code Balances#conversions})
 * @param version bumped on every write; a write only succeeds over the version it read
 * @param updatedAt when it was written
 */
public record StoredHead(
        long sequence,
        Map<String, Money> balances,
        Map<Currency, Money> conversions,
        long version,
        Instant updatedAt) {

    public StoredHead {
        balances = Map.copyOf(Objects.requireNonNull(balances, "balances"));
        conversions = Map.copyOf(Objects.requireNonNull(conversions, "conversions"));
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
