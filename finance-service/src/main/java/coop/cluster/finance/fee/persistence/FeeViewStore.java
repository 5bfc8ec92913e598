package coop.cluster.finance.fee.persistence;

import coop.cluster.finance.fee.domain.FeeExemption;
import coop.cluster.finance.fee.domain.FeeMember;
import coop.cluster.finance.fee.domain.FeeSchedule;
import coop.cluster.finance.fee.domain.LateAdmission;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * What finance has read from membership for the fees, each view idempotent on its own:
 *
 * <ul>
 *   <li>{@value #SCHEDULES}: one per fee year ({@code _id}); a schedule replaces the stored one
 *       only if adopted later (a conditional upsert), so a redelivered or older schedule changes
 *       nothing, whatever the order of arrival;
 *   <li>{@value #EXEMPTIONS}: one per granting resolution ({@code _id}), whether or not the member
 *       is known yet;
 *   <li>{@value #MEMBERS}: one per member ({@code _id}): status, category, admission; each event
 *       applied once ({@link IdempotentEffects#applyOnce}, the event ids kept in the same
 *       document).
 * </ul>
 */
@Repository
public class FeeViewStore {

    public static final String SCHEDULES = "fee_schedules";
    public static final String EXEMPTIONS = "fee_exemptions";
    public static final String MEMBERS = "fee_members";

    /** The statuses of a member that owes fees: still a member, even if suspended. */
    public static final List<String> INVOICED_STATUSES = List.of("ACTIVE", "SUSPENDED");

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    public FeeViewStore(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
        mongo.indexOps(EXEMPTIONS)
                .createIndex(new Index().on("memberId", Sort.Direction.ASC).named("member"));
        mongo.indexOps(MEMBERS)
                .createIndex(new Index().on("status", Sort.Direction.ASC).named("status"));
    }

    /**
     * What a member event changes in the fees' view of the member; null leaves a field as it is.
     *
     * @param category the member's organisation type
     */
    public record MemberChange(
            String status, LocalDate admittedOn, String category, String legalName) {

        public boolean isEmpty() {
            return status == null && admittedOn == null && category == null && legalName == null;
        }
    }

    /**
     * @return whether it was stored: false when the same or a later schedule for its year is there
     *     already
     */
    public boolean saveSchedule(FeeSchedule schedule) {
        Document amounts = new Document();
        schedule.amounts()
                .forEach((category, amount) -> amounts.append(category, amount.toPlainString()));
        Query olderOrNone =
                Query.query(
                        Criteria.where("_id")
                                .is(schedule.feeYear())
                                .and("adoptedAt")
                                .lt(Date.from(schedule.adoptedAt())));
        Update update =
                new Update()
                        .set("currency", schedule.currency().getCurrencyCode())
                        .set("amounts", amounts)
                        .set("resolutionId", schedule.resolutionId())
                        .set("adoptedAt", Date.from(schedule.adoptedAt()))
                        .set("lateAdmission", schedule.lateAdmission().name());
        try {
            mongo.findAndModify(
                    olderOrNone,
                    update,
                    FindAndModifyOptions.options().upsert(true),
                    Document.class,
                    SCHEDULES);
            return true;
        } catch (DuplicateKeyException sameOrLater) {
            return false;
        }
    }

    public Optional<FeeSchedule> schedule(int feeYear) {
        return Optional.ofNullable(mongo.findById(feeYear, Document.class, SCHEDULES))
                .map(FeeViewStore::toSchedule);
    }

    public List<FeeSchedule> schedules() {
        return mongo
                .find(
                        new Query().with(Sort.by(Sort.Direction.DESC, "_id")),
                        Document.class,
                        SCHEDULES)
                .stream()
                .map(FeeViewStore::toSchedule)
                .toList();
    }

    private static FeeSchedule toSchedule(Document d) {
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        d.get("amounts", Document.class)
                .forEach(
                        (category, amount) ->
                                amounts.put(category, new BigDecimal((String) amount)));
        return new FeeSchedule(
                ((Number) d.get("_id")).intValue(),
                Currency.getInstance(d.getString("currency")),
                amounts,
                d.getString("resolutionId"),
                d.getDate("adoptedAt").toInstant(),
                LateAdmission.of(d.getString("lateAdmission")));
    }

    /** Idempotent: the same resolution is stored once, with the same terms. */
    public void saveExemption(FeeExemption exemption) {
        mongo.upsert(
                Query.query(Criteria.where("_id").is(exemption.resolutionId())),
                new Update()
                        .set("memberId", exemption.memberId())
                        .set("percent", exemption.percent().toPlainString())
                        .set("validFrom", exemption.validFrom().toString())
                        .set("validUntil", exemption.validUntil().toString())
                        .set("reason", exemption.reason()),
                EXEMPTIONS);
    }

    public List<FeeExemption> exemptions(String memberId) {
        return mongo
                .find(
                        Query.query(Criteria.where("memberId").is(memberId)),
                        Document.class,
                        EXEMPTIONS)
                .stream()
                .map(
                        d ->
                                new FeeExemption(
                                        d.getString("_id"),
                                        d.getString("memberId"),
                                        new BigDecimal(d.getString("percent")),
                                        LocalDate.parse(d.getString("validFrom")),
                                        LocalDate.parse(d.getString("validUntil")),
                                        d.getString("reason")))
                .toList();
    }

    /** Applies a member event's change once. @return false for an event applied before */
    public boolean applyToMember(String memberId, String eventId, MemberChange what, Instant at) {
        Update change = new Update();
        if (what.status() != null) {
            change.set("status", what.status());
        }
        if (what.admittedOn() != null) {
            change.set("admittedOn", what.admittedOn().toString());
        }
        if (what.category() != null) {
            change.set("category", what.category());
        }
        if (what.legalName() != null) {
            change.set("legalName", what.legalName());
        }
        change.set("changedAt", Date.from(at));
        return effects.applyOnce(MEMBERS, memberId, eventId, change);
    }

    public Optional<FeeMember> member(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, Document.class, MEMBERS))
                .map(FeeViewStore::toMember);
    }

    /**
     * Members owing fees for a fee year ending {@code lastDay}: active or suspended, admitted by
     * then; by id.
     */
    public List<FeeMember> invoiceable(LocalDate lastDay, String afterId, int limit) {
        Criteria criteria =
                Criteria.where("status")
                        .in(INVOICED_STATUSES)
                        .and("admittedOn")
                        .lte(lastDay.toString());
        if (afterId != null) {
            criteria.and("_id").gt(afterId);
        }
        return mongo
                .find(
                        Query.query(criteria).with(Sort.by("_id")).limit(limit),
                        Document.class,
                        MEMBERS)
                .stream()
                .map(FeeViewStore::toMember)
                .toList();
    }

    private static FeeMember toMember(Document d) {
        String admittedOn = d.getString("admittedOn");
        return new FeeMember(
                d.getString("_id"),
                d.getString("status"),
                d.getString("category"),
                d.getString("legalName"),
                admittedOn == null ? null : LocalDate.parse(admittedOn));
    }
}
