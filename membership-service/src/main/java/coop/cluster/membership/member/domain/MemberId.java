package coop.cluster.membership.member.domain;

import java.util.UUID;

public record MemberId(String value) {

    public MemberId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("member id is blank");
        }
    }

    public static MemberId newId() {
        return new MemberId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
