package coop.cluster.finance.memberaccount;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.ReceivedEvent;
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
 * finance-service's view of the members it will invoice, built from membership events alone.
 *
 * <p>Walking skeleton of the foundation: an application opens a prospective member account. The ledger issue
 * replaces it with receivables and fee invoicing.
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
                .build();
    }

    void onApplied(ReceivedEvent<MembershipEvents.MemberApplied> event) {
        MembershipEvents.MemberApplied applied = event.data();
        Update open = new Update()
                .setOnInsert("openedAt", Date.from(event.time()))
                .set("legalName", applied.legalName())
                .set("country", applied.country())
                .set("status", "PROSPECT")
                .inc("eventsApplied", 1);
        boolean applied1 = effects.applyOnce(COLLECTION, applied.memberId(), event.id(), open);
        log.info("Member account {} for {}: {}", applied.memberId(), applied.legalName(),
                applied1 ? "opened" : "already open (duplicate event)");
    }

    /** Whether a member account was opened for this id (by any of the member's events). */
    public boolean exists(String memberId) {
        return mongo.findById(memberId, Document.class, COLLECTION) != null;
    }

    public Optional<MemberAccount> find(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, Document.class, COLLECTION)).map(MemberAccount::of);
    }

    public record MemberAccount(String memberId, String legalName, String country, String status,
                                java.time.Instant openedAt, int eventsApplied) {
        static MemberAccount of(Document document) {
            return new MemberAccount(document.getString("_id"), document.getString("legalName"),
                    document.getString("country"), document.getString("status"),
                    document.getDate("openedAt").toInstant(), document.getInteger("eventsApplied", 0));
        }
    }
}
