package coop.cluster.auth.mfa;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The TOTP secrets, collection {@value #COLLECTION}, one document per person ({@code _id} the person id):
 * {@code secret} (Base32), {@code confirmed} (the person has typed a code from it once), {@code lastStep} (the time
 * step of the last code accepted: a code is accepted once, and no older code after it), {@code failures} and
 * {@code lockedUntil}.
 *
 * <p>Every check is one conditional single-document update on the document's {@code version}, so two issuer
 * instances checking codes of one person at once cannot both accept the same code, nor lose a failure.
 */
public class SecondFactors {

    public static final String COLLECTION = "second_factors";

    /**
     * What a code check found: {@code REUSED} is a right code already used (or older than the last one used): refused,
     * but not counted as a failure, since it is no guess (a script that logs in twice within 30 seconds sends it).
     */
    public enum Outcome { ACCEPTED, WRONG, REUSED, LOCKED }

    /** A person's second factor as stored. */
    public record SecondFactor(String personId, String secret, boolean confirmed, Instant lockedUntil) {
    }

    private final MongoTemplate mongo;
    private final MfaProperties properties;
    private final Clock clock;

    public SecondFactors(MongoTemplate mongo, MfaProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    public Optional<SecondFactor> find(String personId) {
        Document document = collection().find(Filters.eq("_id", personId)).first();
        return Optional.ofNullable(document).map(SecondFactors::secondFactor);
    }

    /** The person's enrolled (confirmed) factor, if any. */
    public boolean isEnrolled(String personId) {
        return find(personId).map(SecondFactor::confirmed).orElse(false);
    }

    /**
     * The secret the person is enrolling with: the one of an enrolment already started (a page reloaded shows the
     * same secret), else a new one. A confirmed factor is never replaced here.
     */
    public String startEnrolment(String personId) {
        collection().updateOne(Filters.eq("_id", personId),
                Updates.combine(Updates.setOnInsert("secret", Totp.newSecret()),
                        Updates.setOnInsert("confirmed", false), Updates.setOnInsert("lastStep", -1L),
                        Updates.setOnInsert("failures", 0), Updates.setOnInsert("version", 0L)),
                new UpdateOptions().upsert(true));
        return find(personId).orElseThrow().secret();
    }

    /** Demo profile: a fixed, documented, confirmed secret (docs/identity.md), so that scripts can log in. */
    public void enrolDemo(String personId, String base32Secret) {
        collection().updateOne(Filters.eq("_id", personId),
                Updates.combine(Updates.set("secret", base32Secret), Updates.set("confirmed", true),
                        Updates.setOnInsert("lastStep", -1L), Updates.setOnInsert("failures", 0),
                        Updates.setOnInsert("version", 0L)),
                new UpdateOptions().upsert(true));
    }

    /**
     * Checks a code: accepted once (and the factor confirmed, for an enrolment), or counted as a failure;
     * {@code maxFailures} failures in a row lock the factor for {@code lockDuration}.
     */
    public Outcome check(String personId, String code) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Document document = collection().find(Filters.eq("_id", personId)).first();
            if (document == null) {
                return Outcome.WRONG;
            }
            Instant now = clock.instant();
            Date lockedUntil = document.getDate("lockedUntil");
            if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
                return Outcome.LOCKED;
            }
            long version = number(document.get("version"));
            long lastStep = number(document.get("lastStep"));
            long step = Totp.matchingStep(document.getString("secret"), code, now);
            Bson update;
            Outcome outcome;
            if (step >= 0 && step <= lastStep) {
                return Outcome.REUSED;
            } else if (step >= 0) {
                update = Updates.combine(Updates.set("lastStep", step), Updates.set("failures", 0),
                        Updates.set("confirmed", true), Updates.unset("lockedUntil"), Updates.inc("version", 1L));
                outcome = Outcome.ACCEPTED;
            } else {
                int failures = (int) number(document.get("failures")) + 1;
                if (failures >= properties.maxFailures()) {
                    update = Updates.combine(Updates.set("failures", 0),
                            Updates.set("lockedUntil", Date.from(now.plus(properties.lockDuration()))),
                            Updates.inc("version", 1L));
                    outcome = Outcome.LOCKED;
                } else {
                    update = Updates.combine(Updates.set("failures", failures), Updates.inc("version", 1L));
                    outcome = Outcome.WRONG;
                }
            }
            long matched = collection().updateOne(Filters.and(Filters.eq("_id", personId),
                    Filters.eq("version", version)), update).getMatchedCount();
            if (matched == 1) {
                return outcome;
            }
            // another instance checked a code of this person meanwhile: read again
        }
        return Outcome.WRONG;
    }

    /** Forgets a person's second factor (they enrol again at their next login). */
    public void remove(String personId) {
        collection().deleteOne(Filters.eq("_id", personId));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static SecondFactor secondFactor(Document document) {
        Date lockedUntil = document.getDate("lockedUntil");
        return new SecondFactor(document.getString("_id"), document.getString("secret"),
                Boolean.TRUE.equals(document.getBoolean("confirmed")),
                lockedUntil == null ? null : lockedUntil.toInstant());
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
