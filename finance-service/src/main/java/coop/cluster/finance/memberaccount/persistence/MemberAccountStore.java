package coop.cluster.finance.memberaccount.persistence;

import coop.cluster.finance.memberaccount.domain.MemberAccount;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The member accounts in {@value #COLLECTION}, one document per member ({@code _id} the member id).
 * Each change is one event applied once ({@link IdempotentEffects#applyOnce}, the event ids kept in
 * the same document); a change opens the account if it is not there yet.
 */
@Component
public class MemberAccountStore {

    public static final String COLLECTION = "member_accounts";

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    public MemberAccountStore(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    /** Opens the member's account as a prospect. @return false for an event applied before */
    public boolean open(
            String memberId, String eventId, String legalName, String country, Instant at) {
        Update open =
                new Update()
                        .setOnInsert("openedAt", Date.from(at))
                        .set("legalName", legalName)
                        .set("country", country)
                        .set("status", "PROSPECT")
                        .set("statusChangedAt", Date.from(at))
                        .inc("eventsApplied", 1);
        return effects.applyOnce(COLLECTION, memberId, eventId, open);
    }

    /**
     * Sets the member's status, and its legal name and country when given (not null).
     *
     * @return false for an event applied before
     */
    public boolean changeStatus(
            String memberId,
            String eventId,
            String status,
            String legalName,
            String country,
            Instant at) {
        Update change =
                new Update()
                        .setOnInsert("openedAt", Date.from(at))
                        .set("status", status)
                        .set("statusChangedAt", Date.from(at))
                        .inc("eventsApplied", 1);
        if (legalName != null) {
            change.set("legalName", legalName);
        }
        if (country != null) {
            change.set("country", country);
        }
        return effects.applyOnce(COLLECTION, memberId, eventId, change);
    }

    /** Whether a member account was opened for this id (by any of the member's events). */
    public boolean exists(String memberId) {
        return mongo.findById(memberId, Document.class, COLLECTION) != null;
    }

    public Optional<MemberAccount> find(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, Document.class, COLLECTION))
                .map(MemberAccountStore::toAccount);
    }

    static MemberAccount toAccount(Document document) {
        Date opened = document.getDate("openedAt");
        Date changed = document.getDate("statusChangedAt");
        return new MemberAccount(
                document.getString("_id"),
                document.getString("legalName"),
                document.getString("country"),
                document.getString("status"),
                opened == null ? null : opened.toInstant(),
                changed == null ? null : changed.toInstant(),
                document.getInteger("eventsApplied", 0));
    }
}
