package coop.cluster.membership.group;

import coop.cluster.membership.member.domain.MemberId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What other features of this service need to know about thematic groups: who belongs to which. */
public interface GroupRoster {

    /** A group as others name it. */
    record GroupRef(String id, String name) {}

    /** The members of group {@code groupId}, or empty if there is no such group. */
    Optional<Set<MemberId>> membersOf(String groupId);

    /**
     * For each of {@code members}, the groups it belongs to (members in no group are absent from
     * the map).
     */
    Map<MemberId, List<GroupRef>> groupsOf(Collection<MemberId> members);
}
