package coop.cluster.fundingwatch.profile;

import java.time.Instant;
import java.util.List;

/**
 * A thematic group as funding-watch knows it from membership's events: its interests, and its
 * members.
 *
 * @param members the ids of its member organisations
 * @param updatedAt when the view last changed this group
 */
public record GroupProfile(
        String groupId,
        String name,
        String description,
        List<String> interests,
        List<String> members,
        Instant updatedAt) {

    public GroupProfile {
        interests = interests == null ? List.of() : List.copyOf(interests);
        members = members == null ? List.of() : List.copyOf(members);
    }
}
