package coop.cluster.auth.mfa.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The TOTP secrets, collection {@value #COLLECTION}, one document per person ({@code _id} the
 * person id): {@code secret} (Base32), {@code confirmed} (the person has typed a code from it
 * once), {@code lastStep} (the time step of the last code accepted), {@code failures}, {@code
 * lockedUntil} and {@code version}.
 *
 * <p>Every change after a code check ({@link #accepted}, {@link #failed}, {@link #locked}) is one
 * conditional single-document update on the {@code version} the factor was read with, so two issuer
 * instances checking codes of one person at once cannot both accept the same code, nor lose a
 * failure: the one whose update matches nothing reads again.
 */
@Repository
public class SecondFactorStore {

    public static final String COLLECTION = "second_factors";

    /**
     * A person's second factor as stored.
     *
     * @param lastStep the time step of the last code accepted (-1 before the first)
     * @param version what a conditional update must find
     */
    public record Factor(
            String personId,
            String secret,
            boolean confirmed,
            long lastStep,
            int failures,
            Instant lockedUntil,
            long version) {}

    private final MongoTemplate mongo;

    SecondFactorStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Factor> find(String personId) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", personId)).first())
                .map(SecondFactorStore::factor);
    }

    /**
     * Stores {@code newSecret}, unconfirmed, unless the person has a factor already (enrolling or
     * confirmed).
     */
    public void startEnrolment(String personId, String newSecret) {
        collection()
                .updateOne(
                        Filters.eq("_id", personId),
                        Updates.combine(
                                Updates.setOnInsert("secret", newSecret),
                                Updates.setOnInsert("confirmed", false),
                                Updates.setOnInsert("lastStep", -1L),
                                Updates.setOnInsert("failures", 0),
                                Updates.setOnInsert("version", 0L)),
                        new UpdateOptions().upsert(true));
    }

    /** Stores {@code base32Secret}, confirmed, whatever the person had. */
    public void enrolDemo(String personId, String base32Secret) {
        collection()
                .updateOne(
                        Filters.eq("_id", personId),
                        Updates.combine(
                                Updates.set("secret", base32Secret),
                                Updates.set("confirmed", true),
                                Updates.setOnInsert("lastStep", -1L),
                                Updates.setOnInsert("failures", 0),
                                Updates.setOnInsert("version", 0L)),
                        new UpdateOptions().upsert(true));
    }

    /**
     * The code of time step {@code step} was accepted: it is the last one used, the factor is
     * confirmed, its failures and lock are cleared.
     *
     * @return false if the factor changed since it was read at {@code version} (nothing written)
     */
    public boolean accepted(String personId, long version, long step) {
        return updateIfUnchanged(
                personId,
                version,
                Updates.combine(
                        Updates.set("lastStep", step),
                        Updates.set("failures", 0),
                        Updates.set("confirmed", true),
                        Updates.unset("lockedUntil")));
    }

    /**
     * A wrong code, the {@code failures}-th in a row.
     *
     * @return false if the factor changed since it was read at {@code version} (nothing written)
     */
    public boolean failed(String personId, long version, int failures) {
        return updateIfUnchanged(personId, version, Updates.set("failures", failures));
    }

    /**
     * Too many wrong codes: locked until {@code until}, the failures counted from zero again.
     *
     * @return false if the factor changed since it was read at {@code version} (nothing written)
     */
    public boolean locked(String personId, long version, Instant until) {
        return updateIfUnchanged(
                personId,
                version,
                Updates.combine(
                        Updates.set("failures", 0), Updates.set("lockedUntil", Date.from(until))));
    }

    /** Forgets a person's second factor. */
    public void remove(String personId) {
        collection().deleteOne(Filters.eq("_id", personId));
    }

    private boolean updateIfUnchanged(String personId, long version, Bson update) {
        return collection()
                        .updateOne(
                                Filters.and(
                                        Filters.eq("_id", personId),
                                        Filters.eq("version", version)),
                                Updates.combine(update, Updates.inc("version", 1L)))
                        .getMatchedCount()
                == 1;
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static Factor factor(Document document) {
        Date lockedUntil = document.getDate("lockedUntil");
        return new Factor(
                document.getString("_id"),
                document.getString("secret"),
                Boolean.TRUE.equals(document.getBoolean("confirmed")),
                number(document.get("lastStep")),
                (int) number(document.get("failures")),
                lockedUntil == null ? null : lockedUntil.toInstant(),
                number(document.get("version")));
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
