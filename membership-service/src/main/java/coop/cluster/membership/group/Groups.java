package coop.cluster.membership.group;

import coop.cluster.membership.group.domain.Group;
import coop.cluster.membership.group.events.GroupCreated;
import coop.cluster.membership.group.events.GroupMembershipChanged;
import coop.cluster.membership.group.persistence.GroupStore;
import coop.cluster.membership.member.CouncilRoll;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.domain.RuleViolation;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Thematic groups: created by council resolution, joined and left by active members. Each change is
 * one conditional write of the group with the event that announces it.
 */
@Service
public class Groups implements GroupRoster {

    private static final Logger log = LoggerFactory.getLogger(Groups.class);
    private static final int ATTEMPTS = 5;

    private final GroupStore groups;
    private final CouncilRoll members;
    private final EventFactory events;
    private final Clock clock;
    private final MeterRegistry meters;

    Groups(
            GroupStore groups,
            CouncilRoll members,
            EventFactory events,
            Clock clock,
            MeterRegistry meters) {
        this.groups = groups;
        this.members = members;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * The id of the group that resolution {@code resolutionId} creates: the same however often it
     * is asked.
     */
    public static String idFor(String resolutionId) {
        return UUID.nameUUIDFromBytes(("group:" + resolutionId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public boolean nameTaken(String name) {
        return groups.nameTaken(Group.nameKey(name));
    }

    /**
     * Creates the group an adopted resolution decided. Idempotent: a second call for the same
     * resolution finds the group already made and changes nothing.
     *
     * @throws RuleViolation {@code group-name-taken} if another group has taken the name since the
     *     proposal was tabled
     */
    public Group createByResolution(
            String resolutionId, String name, String description, List<String> interests) {
        String id = idFor(resolutionId);
        Optional<Group> existing = groups.find(id);
        if (existing.isPresent()) {
            return existing.get();
        }
        Group group = Group.create(id, name, description, interests, resolutionId, clock.instant());
        try {
            Group stored =
                    groups.add(
                            group,
                            List.of(
                                    events.create(
                                            "groups",
                                            id,
                                            new GroupCreated(
                                                    id,
                                                    name,
                                                    description,
                                                    interests,
                                                    resolutionId,
                                                    group.createdAt()))));
            meters.counter("cluster.membership.group.changes", "change", "created").increment();
            log.info("Group '{}' ({}) created by resolution {}", name, id, resolutionId);
            return stored;
        } catch (DuplicateKeyException e) {
            return groups.find(id).orElseThrow(() -> new RuleViolation("group-name-taken", name));
        }
    }

    /** Whether a group with this id exists. */
    public boolean exists(String id) {
        return groups.find(id).isPresent();
    }

    public Group get(String id) {
        return groups.find(id).orElseThrow(() -> ProblemException.notFound("group", id));
    }

    public Page<Group> list(Pageable page) {
        return groups.list(page);
    }

    /** An active member joins the group. */
    public Group join(String groupId, MemberId member) {
        if (!members.isActive(member)) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "member-not-active", member, "not active");
        }
        return change(groupId, member, "JOINED", g -> g.join(member, clock.instant()));
    }

    /** A member leaves the group (whatever its standing in the cluster). */
    public Group leave(String groupId, MemberId member) {
        return change(groupId, member, "LEFT", g -> g.leave(member));
    }

    /**
     * Takes a member that left or was excluded from the cluster out of every group it was in.
     * Idempotent: a group it is no longer in is left alone.
     *
     * @return how many groups it was taken out of
     */
    public int removeEverywhere(MemberId member) {
        int removed = 0;
        for (Group group : groups.withAnyOf(List.of(member))) {
            try {
                change(group.id(), member, "LEFT", g -> g.leave(member));
                removed++;
            } catch (ProblemException notThereAnyMore) {
                log.debug("Member {} had already left group {}", member, group.id());
            }
        }
        return removed;
    }

    @Override
    public Optional<Set<MemberId>> membersOf(String groupId) {
        return groups.find(groupId)
                .map(
                        g -> {
                            Set<MemberId> ids = new LinkedHashSet<>();
                            g.members().forEach(m -> ids.add(m.member()));
                            return ids;
                        });
    }

    @Override
    public Map<MemberId, List<GroupRef>> groupsOf(Collection<MemberId> wanted) {
        Map<MemberId, List<GroupRef>> result = new HashMap<>();
        if (wanted.isEmpty()) {
            return result;
        }
        Set<MemberId> asked = Set.copyOf(wanted);
        for (Group group : groups.withAnyOf(wanted)) {
            for (Group.Membership m : group.members()) {
                if (asked.contains(m.member())) {
                    result.computeIfAbsent(m.member(), k -> new java.util.ArrayList<>())
                            .add(new GroupRef(group.id(), group.name()));
                }
            }
        }
        return result;
    }

    /**
     * Applies a membership change on the latest version of the group. Joins and leaves of different
     * members commute, so a write that lost a race is retried on a fresh read; the rule check is
     * made again each time.
     */
    private Group change(
            String groupId, MemberId member, String change, UnaryOperator<Group> transition) {
        for (int attempt = 1; ; attempt++) {
            Group current = get(groupId);
            Group next;
            try {
                next = transition.apply(current);
            } catch (RuleViolation violation) {
                throw new ProblemException(HttpStatus.CONFLICT, violation.code(), violation.args());
            }
            var event =
                    new GroupMembershipChanged(
                            groupId,
                            member.value(),
                            change,
                            next.members().size(),
                            clock.instant());
            try {
                Group stored =
                        groups.update(next, List.of(events.create("groups", groupId, event)));
                meters.counter("cluster.membership.group.changes", "change", change.toLowerCase())
                        .increment();
                log.info("Member {} {} group {}", member, change.toLowerCase(), groupId);
                return stored;
            } catch (OptimisticLockingFailureException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }
}
