package coop.cluster.auth.session.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import coop.cluster.auth.oauth.TokenHashes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.session.MapSession;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.SessionRepository;
import org.springframework.session.UuidSessionIdGenerator;
import org.springframework.stereotype.Repository;

/**
 * The issuer's login sessions (the security context after the password and the second factor, the
 * authorization request waiting for the login, the CSRF token) in collection {@value #COLLECTION}
 * of the identity database, one document each, so that any issuer instance continues the flow a
 * browser started on another, and a restart ends none. Spring Session's filter puts them behind
 * {@code HttpServletRequest#getSession} ({@code coop.cluster.auth.session.SessionConfiguration});
 * there is no Spring Session module for MongoDB on Spring Boot 4, hence this repository.
 *
 * <p>A document: {@code _id} (a key of its own, which outlives id changes), {@code idHash} (the
 * SHA-256 of the session id, unique index: like the tokens in {@code oauth_authorizations}, a dump
 * of the database holds no usable session), {@code createdAt}, {@code lastAccessedAt}, {@code
 * maxInactiveSeconds}, {@code expiresAt} (last access + max inactive interval), {@code principal}
 * (the person id once logged in, to end a person's sessions) and {@code attributes} (each
 * JDK-serialised, {@link SessionAttributes}).
 *
 * <p>Every save is one write of one document (the store has single-document atomicity only): an
 * insert for a new session, else one update of what changed ({@link StoredSession}), the new id's
 * hash included when the id changed at login. An update never creates: a session deleted meanwhile
 * (logout, revoked, expired) stays deleted.
 *
 * <p>Expiry: a session is refused once expired, whoever reads it; expired documents are deleted by
 * a TTL index on MongoDB and by {@link #deleteExpired} on a schedule ({@code
 * coop.cluster.auth.session.ExpiredSessions}; the embedded store has no TTL).
 *
 * <p>Not a {@code FindByIndexNameSessionRepository}: it would have to return sessions by id, and
 * the store does not know the ids. A person's sessions are ended with {@link #deleteByPrincipal}.
 */
@Repository
public class SessionStore implements SessionRepository<StoredSession> {

    public static final String COLLECTION = "http_sessions";
    static final String ATTRIBUTES = "attributes";

    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);

    private final MongoTemplate mongo;
    private final Duration maxInactiveInterval;
    private final Clock clock;
    private final SessionAttributes attributes;
    private final SessionIdGenerator ids = UuidSessionIdGenerator.getInstance();
    private final PrincipalNameIndexResolver<StoredSession> principals =
            new PrincipalNameIndexResolver<>();

    /**
     * Sessions live {@code server.servlet.session.timeout} without a request, as the container's
     * would (default 30 minutes).
     */
    @Autowired
    SessionStore(MongoTemplate mongo, ServerProperties server, Clock clock) {
        this(mongo, timeout(server), clock);
    }

    /**
     * @param maxInactiveInterval how long a session lives without a request ({@code
     *     server.servlet.session.timeout})
     */
    public SessionStore(MongoTemplate mongo, Duration maxInactiveInterval, Clock clock) {
        this.mongo = mongo;
        this.maxInactiveInterval = maxInactiveInterval;
        this.clock = clock;
        this.attributes = new SessionAttributes(SessionStore.class.getClassLoader());
    }

    private static Duration timeout(ServerProperties server) {
        Duration timeout = server.getServlet().getSession().getTimeout();
        return timeout != null ? timeout : Duration.ofMinutes(30);
    }

    /** The id lookup's unique index, the expiry's (TTL on MongoDB) and the principal's. */
    public void createIndexes() {
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("idHash", Sort.Direction.ASC).unique().named("idHash"));
        indexes.createIndex(
                new Index()
                        .on("expiresAt", Sort.Direction.ASC)
                        .expire(0, TimeUnit.SECONDS)
                        .named("expiresAt_ttl"));
        indexes.createIndex(
                new Index().on("principal", Sort.Direction.ASC).sparse().named("principal"));
    }

    @Override
    public StoredSession createSession() {
        MapSession values = new MapSession(ids);
        values.setMaxInactiveInterval(maxInactiveInterval);
        return StoredSession.created(values, UUID.randomUUID().toString());
    }

    @Override
    public void save(StoredSession session) {
        if (session.isNew()) {
            collection().insertOne(newDocument(session));
        } else {
            long matched =
                    collection()
                            .updateOne(Filters.eq("_id", session.key()), changes(session))
                            .getMatchedCount();
            if (matched == 0) {
                log.debug(
                        "Session {} was deleted meanwhile (logout, revoked, expired): not saved",
                        session.key());
            }
        }
        session.stored();
    }

    @Override
    public StoredSession findById(String id) {
        Document document = collection().find(Filters.eq("idHash", TokenHashes.sha256(id))).first();
        if (document == null) {
            return null;
        }
        String key = document.getString("_id");
        StoredSession session;
        try {
            session = fromDocument(id, document);
        } catch (SessionAttributes.UnreadableAttribute e) {
            log.warn("Session {} dropped: {}", key, e.getMessage());
            collection().deleteOne(Filters.eq("_id", key));
            return null;
        }
        if (session.isExpired(clock.instant())) {
            collection().deleteOne(Filters.eq("_id", key));
            return null;
        }
        return session;
    }

    @Override
    public void deleteById(String id) {
        collection().deleteOne(Filters.eq("idHash", TokenHashes.sha256(id)));
    }

    /** Deletes the sessions whose time is up; what the TTL index does on MongoDB. */
    public long deleteExpired() {
        return collection()
                .deleteMany(Filters.lte("expiresAt", Date.from(clock.instant())))
                .getDeletedCount();
    }

    /** The sessions not expired yet, of every instance. */
    public long countActive() {
        return collection()
                .countDocuments(
                        Filters.or(
                                Filters.gt("expiresAt", Date.from(clock.instant())),
                                Filters.eq("expiresAt", null)));
    }

    /**
     * Ends every login session of a person, on every instance: their next request finds no login.
     */
    public long deleteByPrincipal(String personId) {
        return collection().deleteMany(Filters.eq("principal", personId)).getDeletedCount();
    }

    private Document newDocument(StoredSession session) {
        Document values = new Document();
        for (String name : session.getAttributeNames()) {
            values.append(
                    SessionAttributes.field(name),
                    new Binary(attributes.write(name, session.getAttribute(name))));
        }
        Document document =
                new Document("_id", session.key())
                        .append("idHash", TokenHashes.sha256(session.getId()))
                        .append("createdAt", Date.from(session.getCreationTime()))
                        .append("lastAccessedAt", Date.from(session.getLastAccessedTime()))
                        .append("maxInactiveSeconds", session.getMaxInactiveInterval().toSeconds())
                        .append(ATTRIBUTES, values);
        if (session.expiresAt() != null) {
            document.append("expiresAt", Date.from(session.expiresAt()));
        }
        String principal = principals.resolveIndexValueFor(session);
        if (principal != null) {
            document.append("principal", principal);
        }
        return document;
    }

    /**
     * One update: the times, the new id's hash if it changed, the changed attributes, the
     * principal.
     */
    private Document changes(StoredSession session) {
        Document set =
                new Document("lastAccessedAt", Date.from(session.getLastAccessedTime()))
                        .append("maxInactiveSeconds", session.getMaxInactiveInterval().toSeconds());
        Document unset = new Document();
        Instant expiresAt = session.expiresAt();
        if (expiresAt != null) {
            set.append("expiresAt", Date.from(expiresAt));
        } else {
            unset.append("expiresAt", "");
        }
        if (session.idChanged()) {
            set.append("idHash", TokenHashes.sha256(session.getId()));
        }
        for (String name : session.changedAttributes()) {
            String field = ATTRIBUTES + "." + SessionAttributes.field(name);
            Object value = session.getAttribute(name);
            if (value == null) {
                unset.append(field, "");
            } else {
                set.append(field, new Binary(attributes.write(name, value)));
            }
        }
        String principal = principals.resolveIndexValueFor(session);
        if (principal != null) {
            set.append("principal", principal);
        } else {
            unset.append("principal", "");
        }
        Document update = new Document("$set", set);
        if (!unset.isEmpty()) {
            update.append("$unset", unset);
        }
        return update;
    }

    private StoredSession fromDocument(String id, Document document) {
        MapSession values = new MapSession(id);
        values.setSessionIdGenerator(ids);
        values.setCreationTime(document.getDate("createdAt").toInstant());
        values.setLastAccessedTime(document.getDate("lastAccessedAt").toInstant());
        values.setMaxInactiveInterval(
                Duration.ofSeconds(document.get("maxInactiveSeconds", Number.class).longValue()));
        Document stored = document.get(ATTRIBUTES, Document.class);
        if (stored != null) {
            for (Map.Entry<String, Object> entry : stored.entrySet()) {
                String name = SessionAttributes.attribute(entry.getKey());
                values.setAttribute(name, attributes.read(name, bytes(entry.getValue())));
            }
        }
        return StoredSession.stored(values, document.getString("_id"));
    }

    private static byte[] bytes(Object value) {
        return value instanceof Binary binary ? binary.getData() : (byte[]) value;
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
