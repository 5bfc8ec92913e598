package coop.cluster.fundingwatch.profile;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The read side of funding-watch's matching view: the members, thematic groups and projects of the cluster as this
 * service knows them from the other services' events alone (it never reads their stores). One bean for the three
 * parts of the view, which the subscriptions write:
 *
 * <table>
 *   <caption>The matching view</caption>
 *   <tr><th>Part</th><th>Subscription</th><th>Topic</th><th>Collection</th></tr>
 *   <tr><td>{@link MemberProfile}</td><td>{@code member-profiles}</td><td>{@code membership.members}</td>
 *       <td>{@code member_profiles}</td></tr>
 *   <tr><td>{@link GroupProfile}</td><td>{@code group-interests}</td><td>{@code membership.groups}</td>
 *       <td>{@code groups}</td></tr>
 *   <tr><td>{@link ProjectProfile}</td><td>{@code project-needs}</td><td>{@code project.projects}</td>
 *       <td>{@code projects}</td></tr>
 * </table>
 *
 * <p>What the view knows lags the publishers by the time their events take to arrive (usually milliseconds). Every
 * write of a document stores when it was made ({@code updatedAt}, to the millisecond), so a follower can catch up
 * with the {@code ...ChangedSince} reads: documents written at or after {@code since}, oldest write first, then by
 * id, at most {@code limit}. It reads the next page either from the {@code updatedAt} of the last one it got (that
 * document comes again, as may others of the same millisecond: applying one twice must be harmless; a page whose
 * documents were all written in that one millisecond makes no progress, so the page must be bigger than the writes
 * of one millisecond), or, exactly, with the three-argument form from the {@code updatedAt} and id of the last one
 * (keyset paging: no document twice, any page size). Writes can commit out of {@code updatedAt} order (several
 * partitions, several instances), so a follower should start each poll a little before the latest
 * {@code updatedAt} it read, as project-service's partner suggestions do with its members view.
 */
@Component
public class MatchingViews {

    private final MongoTemplate mongo;

    MatchingViews(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Members written at or after {@code since}, oldest write first (then by id), at most {@code limit}. */
    public List<MemberProfile> membersChangedSince(Instant since, int limit) {
        return changedSince(ViewKind.MEMBER, since, null, limit, MatchingViews::toMember);
    }

    /**
     * The page after the member {@code afterId} written at {@code since}: members written after {@code since}, or at
     * {@code since} with a greater id; in the same order, at most {@code limit}.
     */
    public List<MemberProfile> membersChangedSince(Instant since, String afterId, int limit) {
        return changedSince(ViewKind.MEMBER, since, afterId, limit, MatchingViews::toMember);
    }

    /** Groups written at or after {@code since}, oldest write first (then by id), at most {@code limit}. */
    public List<GroupProfile> groupsChangedSince(Instant since, int limit) {
        return changedSince(ViewKind.GROUP, since, null, limit, MatchingViews::toGroup);
    }

    /** The page after the group {@code afterId} written at {@code since} (as for the members). */
    public List<GroupProfile> groupsChangedSince(Instant since, String afterId, int limit) {
        return changedSince(ViewKind.GROUP, since, afterId, limit, MatchingViews::toGroup);
    }

    /** Projects written at or after {@code since}, oldest write first (then by id), at most {@code limit}. */
    public List<ProjectProfile> projectsChangedSince(Instant since, int limit) {
        return changedSince(ViewKind.PROJECT, since, null, limit, MatchingViews::toProject);
    }

    /** The page after the project {@code afterId} written at {@code since} (as for the members). */
    public List<ProjectProfile> projectsChangedSince(Instant since, String afterId, int limit) {
        return changedSince(ViewKind.PROJECT, since, afterId, limit, MatchingViews::toProject);
    }

    /** The member, if the view has heard of it (whatever its status). */
    public Optional<MemberProfile> member(String memberId) {
        return find(ViewKind.MEMBER, memberId, MatchingViews::toMember);
    }

    /** The group, if the view has heard of it. */
    public Optional<GroupProfile> group(String groupId) {
        return find(ViewKind.GROUP, groupId, MatchingViews::toGroup);
    }

    /** The project, if the view has heard of it (whatever its status). */
    public Optional<ProjectProfile> project(String projectId) {
        return find(ViewKind.PROJECT, projectId, MatchingViews::toProject);
    }

    /** The groups the member belongs to, by id. */
    public List<GroupProfile> groupsOf(String memberId) {
        return containing(ViewKind.GROUP, GroupInterests.MEMBERS, memberId, MatchingViews::toGroup);
    }

    /** The projects the member takes part in (as leader or partner), whatever their status, by id. */
    public List<ProjectProfile> projectsOf(String memberId) {
        return containing(ViewKind.PROJECT, ProjectNeeds.PARTNERS, memberId, MatchingViews::toProject);
    }

    private <T> List<T> changedSince(ViewKind view, Instant since, String afterId, int limit,
                                     Function<Document, T> read) {
        if (since == null || limit < 1) {
            throw new IllegalArgumentException("changedSince needs a time and a limit of at least 1, got " + since
                    + " and " + limit);
        }
        Date from = Date.from(since);
        Criteria changed = afterId == null ? Criteria.where(ViewKind.UPDATED_AT).gte(from)
                : new Criteria().orOperator(Criteria.where(ViewKind.UPDATED_AT).gt(from),
                        Criteria.where(ViewKind.UPDATED_AT).is(from).and("_id").gt(afterId));
        Query query = Query.query(changed).with(Sort.by(ViewKind.UPDATED_AT, "_id")).limit(limit);
        return mongo.find(query, Document.class, view.collection()).stream().map(read).toList();
    }

    private <T> Optional<T> find(ViewKind view, String id, Function<Document, T> read) {
        return id == null ? Optional.empty()
                : Optional.ofNullable(mongo.findById(id, Document.class, view.collection())).map(read);
    }

    private <T> List<T> containing(ViewKind view, String field, String memberId, Function<Document, T> read) {
        if (memberId == null) {
            return List.of();
        }
        Query query = Query.query(Criteria.where(field).is(memberId)).with(Sort.by("_id"));
        return mongo.find(query, Document.class, view.collection()).stream().map(read).toList();
    }

    static MemberProfile toMember(Document d) {
        return new MemberProfile(d.getString("_id"), d.getString("status"), d.getString("legalName"),
                d.getString("country"), d.getString("region"), strings(d, "sectors"), strings(d, "competences"),
                d.getString("description"), updatedAt(d));
    }

    static GroupProfile toGroup(Document d) {
        return new GroupProfile(d.getString("_id"), d.getString("name"), d.getString("description"),
                strings(d, "interests"), strings(d, GroupInterests.MEMBERS), updatedAt(d));
    }

    static ProjectProfile toProject(Document d) {
        return new ProjectProfile(d.getString("_id"), d.getString("leaderId"), d.getString("title"),
                d.getString("description"), d.getString("theme"), strings(d, "neededCompetences"),
                strings(d, "neededResources"), d.getString("targetCallId"), d.getString("status"),
                strings(d, ProjectNeeds.PARTNERS), updatedAt(d));
    }

    private static List<String> strings(Document d, String field) {
        return d.getList(field, String.class, List.of()).stream().filter(Objects::nonNull).toList();
    }

    private static Instant updatedAt(Document d) {
        Date at = d.getDate(ViewKind.UPDATED_AT);
        return at == null ? null : at.toInstant();
    }
}
