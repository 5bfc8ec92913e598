package coop.cluster.membership.group.domain;

import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.domain.RuleViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A thematic group the council created by resolution. Members join and leave it; its interests
 * (tags) feed funding-call matching. Plain Java: each change returns a new {@code Group} or throws
 * {@link RuleViolation}.
 *
 * @param resolutionId the council resolution that created it
 * @param members who belongs, in the order they joined
 * @param version the store's optimistic-concurrency version, {@code null} before the first write
 */
public record Group(
        String id,
        String name,
        String description,
        List<String> interests,
        String resolutionId,
        Instant createdAt,
        List<Membership> members,
        Long version) {

    /** A member's place in the group since {@code joinedAt}. */
    public record Membership(MemberId member, Instant joinedAt) {}

    public Group {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        interests = List.copyOf(interests);
        members = List.copyOf(members);
    }

    public static Group create(
            String id,
            String name,
            String description,
            List<String> interests,
            String resolutionId,
            Instant now) {
        return new Group(id, name, description, interests, resolutionId, now, List.of(), null);
    }

    /** The name as compared for uniqueness. */
    public static String nameKey(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    public boolean has(MemberId member) {
        return members.stream().anyMatch(m -> m.member().equals(member));
    }

    public Group join(MemberId member, Instant now) {
        if (has(member)) {
            throw new RuleViolation("already-in-group", member, name);
        }
        List<Membership> next = new ArrayList<>(members);
        next.add(new Membership(member, now));
        return new Group(id, name, description, interests, resolutionId, createdAt, next, version);
    }

    public Group leave(MemberId member) {
        if (!has(member)) {
            throw new RuleViolation("not-in-group", member, name);
        }
        List<Membership> next = members.stream().filter(m -> !m.member().equals(member)).toList();
        return new Group(id, name, description, interests, resolutionId, createdAt, next, version);
    }
}
