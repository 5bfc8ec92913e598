package coop.cluster.auth.people.persistence;

import coop.cluster.auth.people.domain.OneTimeLinks;
import coop.cluster.auth.people.domain.OneTimeLinks.Purpose;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One-time links, by the SHA-256 of their secret. A link is used by ONE conditional update (unused,
 * not expired, of this purpose → used now): of two requests with the same link, even on two
 * instances, one wins and the other finds nothing, without a transaction.
 */
@Repository
public class LinkStore {

    /**
     * A link and what it carries: the invitation it accepts, the person whose password it resets,
     * or the account a sign-up asks for (kept here until the address is confirmed; the password as
     * a hash only).
     */
    public record Link(
            Purpose purpose,
            String invitationId,
            String personId,
            String email,
            String displayName,
            String language,
            String passwordHash,
            Instant expiresAt) {}

    @Document("one_time_links")
    record LinkDocument(
            @Id String hash,
            String purpose,
            @Indexed(sparse = true) String invitationId,
            String personId,
            String email,
            String displayName,
            String language,
            String passwordHash,
            Instant createdAt,
            @Indexed Instant expiresAt,
            Instant usedAt) {}

    private final MongoTemplate mongo;

    LinkStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Stores a link for {@code secret}; the secret itself is not stored. */
    public void add(String secret, Link link, Instant now) {
        mongo.insert(
                new LinkDocument(
                        OneTimeLinks.hash(secret),
                        link.purpose().name(),
                        link.invitationId(),
                        link.personId(),
                        link.email(),
                        link.displayName(),
                        link.language(),
                        link.passwordHash(),
                        now,
                        link.expiresAt(),
                        null));
    }

    /**
     * The link of {@code secret} if it is unused and unexpired, without using it (to show a form).
     */
    public Optional<Link> peek(String secret, Purpose purpose, Instant now) {
        return Optional.ofNullable(mongo.findOne(usable(secret, purpose, now), LinkDocument.class))
                .map(LinkStore::toLink);
    }

    /**
     * Uses the link of {@code secret}: empty if unknown, of another purpose, expired or used
     * already.
     */
    public Optional<Link> use(String secret, Purpose purpose, Instant now) {
        return Optional.ofNullable(
                        mongo.findAndModify(
                                usable(secret, purpose, now),
                                new Update().set("usedAt", now),
                                FindAndModifyOptions.options().returnNew(true),
                                LinkDocument.class))
                .map(LinkStore::toLink);
    }

    /**
     * Every unused link of the invitation stops working: a re-sent invitation has one valid link,
     * the last.
     */
    public void retireInvitationLinks(String invitationId, Instant now) {
        mongo.updateMulti(
                Query.query(Criteria.where("invitationId").is(invitationId).and("usedAt").is(null)),
                new Update().set("usedAt", now),
                LinkDocument.class);
    }

    private static Query usable(String secret, Purpose purpose, Instant now) {
        return Query.query(
                Criteria.where("_id")
                        .is(OneTimeLinks.hash(secret))
                        .and("purpose")
                        .is(purpose.name())
                        .and("usedAt")
                        .is(null)
                        .and("expiresAt")
                        .gt(now));
    }

    private static Link toLink(LinkDocument d) {
        return new Link(
                Purpose.valueOf(d.purpose()),
                d.invitationId(),
                d.personId(),
                d.email(),
                d.displayName(),
                d.language(),
                d.passwordHash(),
                d.expiresAt());
    }
}
