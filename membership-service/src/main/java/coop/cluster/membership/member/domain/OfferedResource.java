package coop.cluster.membership.member.domain;

import java.util.Objects;

/**
 * A resource a member offers the other members: premises, equipment, expertise, services or
 * contacts.
 */
public record OfferedResource(ResourceType type, String description) {

    public OfferedResource {
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description.strip();
    }
}
