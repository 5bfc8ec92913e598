package coop.cluster.project.member;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * project-service's view of the members, built from membership's events alone (it never reads membership's
 * store): each member's status and public profile, in the collection {@code members}. One member's events arrive
 * in order on one partition; each is applied once ({@link IdempotentEffects#applyOnce}, the dedupe record in the
 * member's own document).
 */
@Configuration(proxyBeanMethods = false)
public class Members {

    static final String COLLECTION = "members";
    private static final Logger log = LoggerFactory.getLogger(Members.class);

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    Members(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    @Bean
    EventSubscription membershipForMemberView() {
        String p = MembershipEvents.PREFIX;
        return EventSubscription.named("member-view")
                .topics(MembershipEvents.TOPIC)
                .on(p + "applied.v1", MembershipEvents.WithProfile.class, e -> profile(e, "APPLIED"))
                .on(p + "admitted.v1", MembershipEvents.WithProfile.class, e -> profile(e, "ACTIVE"))
                .on(p + "profile-changed.v1", MembershipEvents.WithProfile.class, e -> profile(e, e.data().status()))
                .on(p + "suspended.v1", MembershipEvents.StatusChange.class, e -> status(e, "SUSPENDED"))
                .on(p + "reinstated.v1", MembershipEvents.StatusChange.class, e -> status(e, "ACTIVE"))
                .on(p + "rejected.v1", MembershipEvents.StatusChange.class, e -> status(e, "REJECTED"))
                .on(p + "left.v1", MembershipEvents.StatusChange.class, e -> status(e, "LEFT"))
                .on(p + "excluded.v1", MembershipEvents.StatusChange.class, e -> status(e, "EXCLUDED"))
                .build();
    }

    void profile(ReceivedEvent<MembershipEvents.WithProfile> event, String status) {
        MembershipEvents.Profile p = event.data().profile();
        Update update = new Update().set("status", status);
        if (p != null) {
            update.set("legalName", p.legalName()).set("country", p.country()).set("region", p.region())
                    .set("sectors", orEmpty(p.sectors())).set("organisationType", p.organisationType())
                    .set("sizeBand", p.sizeBand()).set("competences", orEmpty(p.competences()))
                    .set("offeredResources", orEmpty(p.offeredResources()).stream()
                            .map(r -> new Document("type", r.type()).append("description", r.description())).toList())
                    .set("description", p.description());
        }
        apply(event, event.data().memberId(), update, status);
    }

    void status(ReceivedEvent<MembershipEvents.StatusChange> event, String status) {
        apply(event, event.data().memberId(), new Update().set("status", status), status);
    }

    private void apply(ReceivedEvent<?> event, String memberId, Update update, String status) {
        update.set("updatedAt", java.util.Date.from(java.time.Instant.now()));
        boolean applied = effects.applyOnce(COLLECTION, memberId, event.id(), update);
        log.debug("Member {} is {} ({})", memberId, status, applied ? "applied" : "duplicate event");
    }

    public Optional<MemberView> find(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, Document.class, COLLECTION)).map(Members::view);
    }

    public boolean isActive(String memberId) {
        return find(memberId).map(MemberView::isActive).orElse(false);
    }

    /** Members written at or after {@code since}, oldest write first, at most {@code limit}. */
    public List<Changed> changedSince(java.time.Instant since, int limit) {
        Query query = Query.query(Criteria.where("updatedAt").gte(java.util.Date.from(since)))
                .with(org.springframework.data.domain.Sort.by("updatedAt", "_id")).limit(limit);
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(d -> new Changed(view(d), d.getDate("updatedAt").toInstant())).toList();
    }

    /** Every member of the view, including those written before the view kept {@code updatedAt}. */
    public List<MemberView> all() {
        return mongo.findAll(Document.class, COLLECTION).stream().map(Members::view).toList();
    }

    /** A member as of a write of the view, with the write's time. */
    public record Changed(MemberView member, java.time.Instant updatedAt) {
    }

    /** The members with these ids that the view knows. */
    public List<MemberView> findAll(Collection<String> memberIds) {
        return mongo.find(Query.query(Criteria.where("_id").in(memberIds)), Document.class, COLLECTION).stream()
                .map(Members::view).toList();
    }

    private static MemberView view(Document d) {
        List<Document> resources = d.getList("offeredResources", Document.class, List.of());
        return new MemberView(d.getString("_id"), d.getString("status"), d.getString("legalName"),
                d.getString("country"), d.getString("region"), d.getList("sectors", String.class, List.of()),
                d.getString("organisationType"), d.getString("sizeBand"),
                d.getList("competences", String.class, List.of()),
                resources.stream().map(r -> new MemberView.Resource(r.getString("type"), r.getString("description")))
                        .toList(),
                d.getString("description"));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
