package coop.cluster.project.member.persistence;

import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.project.member.MemberView;
import coop.cluster.project.member.Members;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The members view in the store, the collection {@code members}: one raw document per member (its
 * status, public profile and {@code updatedAt}), each event applied once ({@link
 * IdempotentEffects#applyOnce}: the dedupe record in the member's own document, so no transaction
 * is needed).
 */
@Repository
public class MemberStore {

    static final String COLLECTION = "members";

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    MemberStore(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    /**
     * The member's status after event {@code eventId}, the document created if it is new.
     *
     * @return false if the event had been applied already
     */
    public boolean status(String eventId, String memberId, String status) {
        return apply(eventId, memberId, new Update().set("status", status));
    }

    /**
     * The member's status and public profile after event {@code eventId} (every field of {@code
     * member} but its id), the document created if it is new.
     *
     * @return false if the event had been applied already
     */
    public boolean profile(String eventId, MemberView member) {
        Update update =
                new Update()
                        .set("status", member.status())
                        .set("legalName", member.legalName())
                        .set("country", member.country())
                        .set("region", member.region())
                        .set("sectors", member.sectors())
                        .set("organisationType", member.organisationType())
                        .set("sizeBand", member.sizeBand())
                        .set("competences", member.competences())
                        .set(
                                "offeredResources",
                                member.offeredResources().stream()
                                        .map(
                                                r ->
                                                        new Document("type", r.type())
                                                                .append(
                                                                        "description",
                                                                        r.description()))
                                        .toList())
                        .set("description", member.description());
        return apply(eventId, member.memberId(), update);
    }

    private boolean apply(String eventId, String memberId, Update update) {
        update.set("updatedAt", Date.from(Instant.now()));
        return effects.applyOnce(COLLECTION, memberId, eventId, update);
    }

    public Optional<MemberView> find(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, Document.class, COLLECTION))
                .map(MemberStore::view);
    }

    /** Members written at or after {@code since}, oldest write first, at most {@code limit}. */
    public List<Members.Changed> changedSince(Instant since, int limit) {
        Query query =
                Query.query(Criteria.where("updatedAt").gte(Date.from(since)))
                        .with(Sort.by("updatedAt", "_id"))
                        .limit(limit);
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(d -> new Members.Changed(view(d), d.getDate("updatedAt").toInstant()))
                .toList();
    }

    /** Every member of the view, including those written before the view kept {@code updatedAt}. */
    public List<MemberView> all() {
        return mongo.findAll(Document.class, COLLECTION).stream().map(MemberStore::view).toList();
    }

    /** The members with these ids that the view knows. */
    public List<MemberView> findAll(Collection<String> memberIds) {
        return mongo
                .find(Query.query(Criteria.where("_id").in(memberIds)), Document.class, COLLECTION)
                .stream()
                .map(MemberStore::view)
                .toList();
    }

    private static MemberView view(Document d) {
        List<Document> resources = d.getList("offeredResources", Document.class, List.of());
        return new MemberView(
                d.getString("_id"),
                d.getString("status"),
                d.getString("legalName"),
                d.getString("country"),
                d.getString("region"),
                d.getList("sectors", String.class, List.of()),
                d.getString("organisationType"),
                d.getString("sizeBand"),
                d.getList("competences", String.class, List.of()),
                resources.stream()
                        .map(
                                r ->
                                        new MemberView.Resource(
                                                r.getString("type"), r.getString("description")))
                        .toList(),
                d.getString("description"));
    }
}
