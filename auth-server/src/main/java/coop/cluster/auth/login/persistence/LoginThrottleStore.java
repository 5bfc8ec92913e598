package coop.cluster.auth.login.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import coop.cluster.auth.oauth.TokenHashes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The counts of failed logins, collection {@value #COLLECTION}, shared by every issuer instance:
 * one document per account ({@code _id} {@code account:<sha256 of the login>}: the store holds no
 * login typed) and per client address ({@code address:<ip>}).
 *
 * <p>Each is changed by a conditional single-document update on its {@code version} (read, compute,
 * write if unchanged, else again, {@value #ATTEMPTS} times at most), which is all the store's
 * atomicity offers and all it takes: two instances counting failures of one account at once lose
 * none. A document that does not exist yet is first inserted empty (a concurrent insert of the same
 * one is fine), then changed as any other.
 */
@Repository
public class LoginThrottleStore {

    public static final String COLLECTION = "login_throttle";
    private static final int ATTEMPTS = 10;

    /**
     * An account's failures: {@code failures} counted since {@code windowStart}, locked until
     * {@code lockedUntil} (null: never locked), {@code locks} so far (each lock lasts longer).
     */
    public record Account(int failures, Instant windowStart, Instant lockedUntil, int locks) {}

    /**
     * An address's token bucket: {@code tokens} left at {@code updatedAt}; both null before the
     * first failure.
     */
    public record Bucket(Double tokens, Instant updatedAt) {}

    private final MongoTemplate mongo;

    LoginThrottleStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The account's failures, if it has any document (a successful login deletes it). */
    public Optional<Account> account(String login) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", accountKey(login))).first())
                .map(LoginThrottleStore::account);
    }

    /** The address's bucket, if it has one. */
    public Optional<Bucket> bucket(String address) {
        return Optional.ofNullable(
                        collection().find(Filters.eq("_id", addressKey(address))).first())
                .map(LoginThrottleStore::bucket);
    }

    /**
     * Changes the account's failures (an empty count when it has none yet), conditionally on its
     * version.
     */
    public void changeAccount(String login, UnaryOperator<Account> change) {
        update(
                accountKey(login),
                document -> {
                    Account changed = change.apply(account(document));
                    List<Bson> set =
                            new ArrayList<>(
                                    List.of(
                                            Updates.set("failures", changed.failures()),
                                            Updates.set(
                                                    "windowStart", date(changed.windowStart()))));
                    if (changed.lockedUntil() != null) {
                        set.add(Updates.set("lockedUntil", date(changed.lockedUntil())));
                    }
                    set.add(Updates.set("locks", changed.locks()));
                    return Updates.combine(set);
                });
    }

    /**
     * Changes the address's bucket (an empty one when it has none yet), conditionally on its
     * version.
     */
    public void changeBucket(String address, UnaryOperator<Bucket> change) {
        update(
                addressKey(address),
                document -> {
                    Bucket changed = change.apply(bucket(document));
                    return Updates.combine(
                            Updates.set("tokens", changed.tokens()),
                            Updates.set("updatedAt", date(changed.updatedAt())));
                });
    }

    /** Forgets the account's failures and locks. */
    public void clearAccount(String login) {
        collection().deleteOne(Filters.eq("_id", accountKey(login)));
    }

    private void update(String id, Function<Document, Bson> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document current = collection().find(Filters.eq("_id", id)).first();
            if (current == null) {
                Document created = new Document("_id", id).append("version", 0L);
                try {
                    collection().insertOne(created);
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
                continue;
            }
            long version = current.get("version") instanceof Number n ? n.longValue() : 0L;
            Bson update = Updates.combine(change.apply(current), Updates.inc("version", 1L));
            if (collection()
                            .updateOne(
                                    Filters.and(
                                            Filters.eq("_id", id), Filters.eq("version", version)),
                                    update)
                            .getMatchedCount()
                    == 1) {
                return;
            }
        }
    }

    static String accountKey(String login) {
        return "account:" + TokenHashes.sha256(login);
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static Account account(Document document) {
        return new Account(
                number(document, "failures"),
                instant(document, "windowStart"),
                instant(document, "lockedUntil"),
                number(document, "locks"));
    }

    private static Bucket bucket(Document document) {
        Object tokens = document.get("tokens");
        return new Bucket(
                tokens instanceof Number n ? n.doubleValue() : null,
                instant(document, "updatedAt"));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static int number(Document document, String field) {
        return document.get(field) instanceof Number n ? n.intValue() : 0;
    }
}
