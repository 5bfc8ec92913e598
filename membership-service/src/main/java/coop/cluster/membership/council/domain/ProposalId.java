package coop.cluster.membership.council.domain;

import java.util.UUID;

public record ProposalId(String value) {

    public ProposalId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("proposal id is blank");
        }
    }

    public static ProposalId newId() {
        return new ProposalId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
