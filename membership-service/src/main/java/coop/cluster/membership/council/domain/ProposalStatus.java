package coop.cluster.membership.council.domain;

/**
 * Open for votes until it closes, at its deadline or when every seat has voted, as adopted or
 * rejected.
 */
public enum ProposalStatus {
    OPEN,
    ADOPTED,
    REJECTED;

    public boolean isClosed() {
        return this != OPEN;
    }
}
