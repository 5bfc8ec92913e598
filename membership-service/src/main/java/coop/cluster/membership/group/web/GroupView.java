package coop.cluster.membership.group.web;

import coop.cluster.membership.group.domain.Group;
import java.time.Instant;
import java.util.List;

/** A thematic group as the API shows it. */
record GroupView(
        String id,
        String name,
        String description,
        List<String> interests,
        String resolutionId,
        Instant createdAt,
        int memberCount,
        List<MemberEntry> members) {

    record MemberEntry(String memberId, Instant joinedAt) {}

    static GroupView of(Group group) {
        return new GroupView(
                group.id(),
                group.name(),
                group.description(),
                group.interests(),
                group.resolutionId(),
                group.createdAt(),
                group.members().size(),
                group.members().stream()
                        .map(m -> new MemberEntry(m.member().value(), m.joinedAt()))
                        .toList());
    }
}
