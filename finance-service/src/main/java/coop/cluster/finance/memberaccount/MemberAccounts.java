package coop.cluster.finance.memberaccount;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * finance-service's view of the members, built from membership events alone: an application opens a prospective
 * member account ({@code PROSPECT}), and the account then follows the member's status: admitted {@code ACTIVE},
 * rejected {@code REJECTED}, suspended {@code SUSPENDED}, reinstated {@code ACTIVE}, left {@code LEFT}, excluded
 * {@code EXCLUDED}. Each event is applied once ({@code applyOnce}); one member's events come in order on one partition.
 * Acceptance testing found the account still {@code PROSPECT} after the admission: it read "applied" only.
 */
@Configuration(proxyBeanMethods = false)
public class MemberAccounts {

    static final String COLLECTION = "member_accounts";
    private static final Logger log = LoggerFactory.getLogger(MemberAccounts.class);

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    MemberAccounts(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    @Bean
    EventSubscription membershipForMemberAccounts() {
        return EventSubscription.named("member-accounts")
                .topics(MembershipEvents.TOPIC)
                .on(MembershipEvents.MEMBER_APPLIED_V1, MembershipEvents.MemberApplied.class, this::onApplied)
                .on(MembershipEvents.MEMBER + "admitted.v1", MembershipEvents.StatusChanged.class,
                        event -> status(event, "ACTIVE"))
                .on(MembershipEvents.MEMBER + "rejected.v1", MembershipEvents.StatusChanged.class,
                        event -> status(event, "REJECTED"))
                .on(MembershipEvents.MEMBER + "suspended.v1", MembershipEvents.StatusChanged.class,
                        event -> status(event, "SUSPENDED"))
                .on(MembershipEvents.MEMBER + "reinstated.v1", MembershipEvents.StatusChanged.class,
                        event -> status(event, "ACTIVE"))
                .on(MembershipEvents.MEMBER + "left.v1", MembershipEvents.StatusChanged.class,
                        event -> status(event, "LEFT"))
                .on(MembershipEvents.MEMBER + "excluded.v1", MembershipEvents.StatusChanged.class,
                        event -> status(event, "EXCLUDED"))
                .build();
    }

    /**
     * Opens the account. An event without a member id is poison: it once opened an account for nobody, and every
     * such event after it was applied to that one.
     */
    void onApplied(ReceivedEvent<MembershipEvents.MemberApplied> event) {
        MembershipEvents.MemberApplied applied = event.data();
        if (applied.memberId() == null || applied.memberId().isBlank()) {
            throw new PoisonEventException("Event " + event.id() + " (" + event.type() + "): no memberId", null);
        }
        Instant at = event.time() != null ? event.time() : Instant.now();
        Update open = new Update()
                .setOnInsert("openedAt", Date.from(at))
                .set("legalName", applied.legalName())
                .set("country", applied.country())
                .set("status", "PROSPECT")
                .set("statusChangedAt", Date.from(at))
                .inc("eventsApplied", 1);
        boolean applied1 = effects.applyOnce(COLLECTION, applied.memberId(), event.id(), open);
        log.info("Member account {} for {}: {}", applied.memberId(), applied.legalName(),
                applied1 ? "opened" : "already open (duplicate event)");
    }

    /** Whether a member account was opened for this id (by any of the member's events). */
    public boolean exists(String memberId) {
        return mongo.findById(memberId, Document.class, COLLECTION) != null;
    }

    /**
     * The member's new status; the account is opened if finance never heard of the application (events before it was
     * listening). An event without a member id is poison.
     */
    void status(ReceivedEvent<MembershipEvents.StatusChanged> event, String status) {
        String memberId = event.data().memberId();
        if (memberId == null || memberId.isBlank()) {
            throw new PoisonEventException("Event " + event.id() + " (" + event.type() + "): no memberId", null);
        }
        Instant at = event.time() != null ? event.time() : Instant.now();
        Update change = new Update().setOnInsert("openedAt", Date.from(at)).set("status", status)
                .set("statusChangedAt", Date.from(at)).inc("eventsApplied", 1);
        MembershipEvents.Profile profile = event.data().profile();
        if (profile != null && profile.legalName() != null) {
            change.set("legalName", profile.legalName());
        }
        if (profile != null && profile.country() != null) {
            change.set("country", profile.country());
        }
        boolean applied = effects.applyOnce(COLLECTION, memberId, event.id(), change);
        log.info("Member account {}: {}", memberId, applied ? status : "unchanged (duplicate event)");
    }

    public Optional<MemberAccount> find(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, Document.class, COLLECTION)).map(MemberAccount::of);
    }

    /**
     * @param status          PROSPECT, ACTIVE, REJECTED, SUSPENDED, LEFT or EXCLUDED, as membership last announced
     * @param statusChangedAt when membership changed it
     */
    public record MemberAccount(String memberId, String legalName, String country, String status,
                                Instant openedAt, Instant statusChangedAt, int eventsApplied) {
        static MemberAccount of(Document document) {
            Date opened = document.getDate("openedAt");
            Date changed = document.getDate("statusChangedAt");
            return new MemberAccount(document.getString("_id"), document.getString("legalName"),
                    document.getString("country"), document.getString("status"),
                    opened == null ? null : opened.toInstant(), changed == null ? null : changed.toInstant(),
                    document.getInteger("eventsApplied", 0));
        }
    }
}
