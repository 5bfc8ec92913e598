package coop.cluster.fundingwatch.profile.persistence;

import coop.cluster.fundingwatch.profile.GroupProfile;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Clock;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The thematic groups part of the matching view, collection {@value #COLLECTION}: one document per
 * group ({@code _id} = the group id) with its name, description, interests and members (member ids;
 * index {@code {members: 1}} for a member's groups). Each write sets only its own fields, so the
 * members and the rest of a group can be heard of in either order (see {@link ViewStore} for how it
 * is written and read).
 */
@Repository
public class GroupProfileStore extends ViewStore<GroupProfile> {

    public static final String COLLECTION = "groups";
    static final String MEMBERS = "members";

    public GroupProfileStore(MongoTemplate mongo, IdempotentEffects effects, Clock clock) {
        super(COLLECTION, mongo, effects, clock);
    }

    /**
     * Writes the group's name, description and interests; its members are left as they are.
     *
     * @return true if applied now, false if the event {@code eventId} had been applied already
     */
    public boolean describe(
            String groupId,
            String eventId,
            String name,
            String description,
            List<String> interests) {
        return applyOnce(
                groupId,
                eventId,
                new Update()
                        .set("name", name)
                        .set("description", description)
                        .set("interests", interests == null ? List.of() : interests));
    }

    /**
     * Adds the member to the group's set of members. @return false if the event had been applied
     * already
     */
    public boolean addMember(String groupId, String eventId, String memberId) {
        return applyOnce(groupId, eventId, new Update().addToSet(MEMBERS, memberId));
    }

    /**
     * Takes the member out of the group's members. @return false if the event had been applied
     * already
     */
    public boolean removeMember(String groupId, String eventId, String memberId) {
        return applyOnce(groupId, eventId, new Update().pull(MEMBERS, memberId));
    }

    /** The groups the member belongs to, by id. */
    public List<GroupProfile> groupsOf(String memberId) {
        return listing(MEMBERS, memberId);
    }

    @Override
    void ensureIndexes() {
        ensureIndex(MEMBERS);
    }

    @Override
    GroupProfile read(Document d) {
        return toGroup(d);
    }

    static GroupProfile toGroup(Document d) {
        return new GroupProfile(
                d.getString("_id"),
                d.getString("name"),
                d.getString("description"),
                strings(d, "interests"),
                strings(d, MEMBERS),
                updatedAt(d));
    }
}
