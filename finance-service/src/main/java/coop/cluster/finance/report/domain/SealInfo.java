package coop.cluster.finance.report.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The seal of a closed period, as the periods feature keeps it.
 *
 * @param hash the seal's hash
 * @param previousHash the previous period's seal hash, or {@code null} for the first
 * @param closedAt when the period was closed
 */
public record SealInfo(String hash, String previousHash, Instant closedAt) {

    public SealInfo {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(closedAt, "closedAt");
    }
}
