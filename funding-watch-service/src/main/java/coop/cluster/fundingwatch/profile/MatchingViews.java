package coop.cluster.fundingwatch.profile;

import coop.cluster.fundingwatch.profile.persistence.GroupProfileStore;
import coop.cluster.fundingwatch.profile.persistence.MemberProfileStore;
import coop.cluster.fundingwatch.profile.persistence.ProjectProfileStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The read side of funding-watch's matching view: the members, thematic groups and projects of the
 * cluster as this service knows them from the other services' events alone (it never reads their
 * stores). One bean for the three parts of the view, which the subscriptions write, each kept by
 * its store ({@code profile.persistence}):
 *
 * <table>
 *   <caption>The matching view</caption>
 *   <tr><th>Part</th><th>Subscription</th><th>Topic</th><th>Store</th><th>Collection</th></tr>
 *   <tr><td>{@link MemberProfile}</td><td>{@code member-profiles}</td><td>{@code membership.members}</td>
 *       <td>{@link MemberProfileStore}</td><td>{@code member_profiles}</td></tr>
 *   <tr><td>{@link GroupProfile}</td><td>{@code group-interests}</td><td>{@code membership.groups}</td>
 *       <td>{@link GroupProfileStore}</td><td>{@code groups}</td></tr>
 *   <tr><td>{@link ProjectProfile}</td><td>{@code project-needs}</td><td>{@code project.projects}</td>
 *       <td>{@link ProjectProfileStore}</td><td>{@code projects}</td></tr>
 * </table>
 *
 * <p>What the view knows lags the publishers by the time their events take to arrive (usually
 * milliseconds). Every write of a document stores when it was made ({@code updatedAt}, to the
 * millisecond), so a follower can catch up with the {@code ...ChangedSince} reads: documents
 * written at or after {@code since}, oldest write first, then by id, at most {@code limit}. It
 * reads the next page either from the {@code updatedAt} of the last one it got (that document comes
 * again, as may others of the same millisecond: applying one twice must be harmless; a page whose
 * documents were all written in that one millisecond makes no progress, so the page must be bigger
 * than the writes of one millisecond), or, exactly, with the three-argument form from the {@code
 * updatedAt} and id of the last one (keyset paging: no document twice, any page size). Writes can
 * commit out of {@code updatedAt} order (several partitions, several instances), so a follower
 * should start each poll a little before the latest {@code updatedAt} it read, as project-service's
 * partner suggestions do with its members view.
 */
@Component
public class MatchingViews {

    private final MemberProfileStore members;
    private final GroupProfileStore groups;
    private final ProjectProfileStore projects;

    MatchingViews(
            MemberProfileStore members, GroupProfileStore groups, ProjectProfileStore projects) {
        this.members = members;
        this.groups = groups;
        this.projects = projects;
    }

    /**
     * Members written at or after {@code since}, oldest write first (then by id), at most {@code
     * limit}.
     */
    public List<MemberProfile> membersChangedSince(Instant since, int limit) {
        return members.changedSince(since, limit);
    }

    /**
     * The page after the member {@code afterId} written at {@code since}: members written after
     * {@code since}, or at {@code since} with a greater id; in the same order, at most {@code
     * limit}.
     */
    public List<MemberProfile> membersChangedSince(Instant since, String afterId, int limit) {
        return members.changedSince(since, afterId, limit);
    }

    /**
     * Groups written at or after {@code since}, oldest write first (then by id), at most {@code
     * limit}.
     */
    public List<GroupProfile> groupsChangedSince(Instant since, int limit) {
        return groups.changedSince(since, limit);
    }

    /** The page after the group {@code afterId} written at {@code since} (as for the members). */
    public List<GroupProfile> groupsChangedSince(Instant since, String afterId, int limit) {
        return groups.changedSince(since, afterId, limit);
    }

    /**
     * Projects written at or after {@code since}, oldest write first (then by id), at most {@code
     * limit}.
     */
    public List<ProjectProfile> projectsChangedSince(Instant since, int limit) {
        return projects.changedSince(since, limit);
    }

    /** The page after the project {@code afterId} written at {@code since} (as for the members). */
    public List<ProjectProfile> projectsChangedSince(Instant since, String afterId, int limit) {
        return projects.changedSince(since, afterId, limit);
    }

    /** The member, if the view has heard of it (whatever its status). */
    public Optional<MemberProfile> member(String memberId) {
        return members.find(memberId);
    }

    /** The group, if the view has heard of it. */
    public Optional<GroupProfile> group(String groupId) {
        return groups.find(groupId);
    }

    /** The project, if the view has heard of it (whatever its status). */
    public Optional<ProjectProfile> project(String projectId) {
        return projects.find(projectId);
    }

    /** The groups the member belongs to, by id. */
    public List<GroupProfile> groupsOf(String memberId) {
        return groups.groupsOf(memberId);
    }

    /**
     * The projects the member takes part in (as leader or partner), whatever their status, by id.
     */
    public List<ProjectProfile> projectsOf(String memberId) {
        return projects.projectsOf(memberId);
    }
}
