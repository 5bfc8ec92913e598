package coop.cluster.auth.login;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import coop.cluster.auth.oauth.TokenHashes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Counts failed logins per account and per client address in collection {@value #COLLECTION}, shared by every
 * issuer instance: one document per account ({@code _id} {@code account:<sha256 of the login>}) and per address
 * ({@code address:<ip>}), each changed by a conditional single-document update on its {@code version} (read,
 * compute, write if unchanged, else again), which is all the store's atomicity offers and all it takes.
 *
 * <ul>
 *   <li><b>Account</b>: {@code accountFailures} failures within {@code accountWindow} lock the account for
 *       {@code accountFirstLock}, doubled at each new lock up to {@code accountMaxLock}; a successful login clears
 *       it. The login typed is counted whether or not such an account exists, so a lock tells nothing.</li>
 *   <li><b>Address</b>: a token bucket of {@code addressCapacity} failures, refilled by one every
 *       {@code addressRefillInterval}; empty, every login from that address is refused. Successful logins cost
 *       nothing, so many people behind one address are not slowed down by each other's success.</li>
 * </ul>
 */
public class LoginThrottle {

    public static final String COLLECTION = "login_throttle";
    private static final int ATTEMPTS = 10;

    /** What {@link #check} found; {@code accountKnown} saves a write on success when there is nothing to clear. */
    public record Verdict(boolean refused, boolean accountHasFailures) {
    }

    private final MongoTemplate mongo;
    private final LoginProperties properties;
    private final Clock clock;

    public LoginThrottle(MongoTemplate mongo, LoginProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether a login for {@code login} from {@code address} is refused now, before its password is checked. */
    public Verdict check(String login, String address) {
        Instant now = clock.instant();
        Document account = collection().find(Filters.eq("_id", accountKey(login))).first();
        Document bucket = collection().find(Filters.eq("_id", addressKey(address))).first();
        boolean accountLocked = account != null && account.getDate("lockedUntil") != null
                && account.getDate("lockedUntil").toInstant().isAfter(now);
        boolean addressEmpty = bucket != null && tokens(bucket, now) < 1.0;
        return new Verdict(accountLocked || addressEmpty, account != null);
    }

    /** A failed login: counted on the account, and one token taken from the address's bucket. */
    public void failed(String login, String address) {
        Instant now = clock.instant();
        update(accountKey(login), account -> {
            Instant windowStart = date(account, "windowStart");
            int failures = windowStart == null || windowStart.plus(properties.accountWindow()).isBefore(now)
                    ? 1 : number(account, "failures") + 1;
            if (windowStart == null || failures == 1) {
                windowStart = now;
            }
            if (failures >= properties.accountFailures()) {
                int locks = number(account, "locks");
                Duration lock = properties.accountFirstLock().multipliedBy(1L << Math.min(locks, 20));
                if (lock.compareTo(properties.accountMaxLock()) > 0) {
                    lock = properties.accountMaxLock();
                }
                return Updates.combine(Updates.set("failures", 0), Updates.set("windowStart", Date.from(now)),
                        Updates.set("lockedUntil", Date.from(now.plus(lock))), Updates.set("locks", locks + 1));
            }
            return Updates.combine(Updates.set("failures", failures), Updates.set("windowStart", Date.from(windowStart)));
        });
        update(addressKey(address), bucket -> Updates.combine(
                Updates.set("tokens", Math.max(0.0, tokens(bucket, now) - 1.0)),
                Updates.set("updatedAt", Date.from(now))));
    }

    /** A successful login clears the account's failures and locks. */
    public void succeeded(String login) {
        collection().deleteOne(Filters.eq("_id", accountKey(login)));
    }

    private void update(String id, java.util.function.Function<Document, Bson> change) {
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
            if (collection().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("version", version)), update)
                    .getMatchedCount() == 1) {
                return;
            }
        }
    }

    private double tokens(Document bucket, Instant now) {
        Object stored = bucket.get("tokens");
        Instant updatedAt = date(bucket, "updatedAt");
        if (!(stored instanceof Number tokens) || updatedAt == null) {
            return properties.addressCapacity();
        }
        double refilled = (double) Duration.between(updatedAt, now).toMillis()
                / properties.addressRefillInterval().toMillis();
        return Math.min(properties.addressCapacity(), tokens.doubleValue() + Math.max(0.0, refilled));
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

    private static Instant date(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static int number(Document document, String field) {
        return document.get(field) instanceof Number n ? n.intValue() : 0;
    }
}
