package coop.cluster.finance.memberaccount;

import coop.cluster.finance.memberaccount.domain.MemberAccount;
import coop.cluster.finance.memberaccount.persistence.MemberAccountStore;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * finance-service's view of the members, built from membership events alone: an application opens a
 * prospective member account ({@code PROSPECT}), and the account then follows the member's status
 * as each lifecycle event (admitted, rejected, suspended, reinstated, left, excluded) names it in
 * its {@code status} ({@code ACTIVE}, {@code REJECTED}, {@code SUSPENDED}, {@code LEFT}, {@code
 * EXCLUDED}): finance keeps no table of its own from event types to statuses, and a lifecycle event
 * without its status is poison. Each event is applied once ({@code applyOnce}); one member's events
 * come in order on one partition. Acceptance testing found the account still {@code PROSPECT} after
 * the admission: it read "applied" only.
 */
@Configuration(proxyBeanMethods = false)
public class MemberAccounts {

    private static final Logger log = LoggerFactory.getLogger(MemberAccounts.class);
    private static final String MEMBER = MembershipEvents.MEMBER;

    private final MemberAccountStore store;

    MemberAccounts(MemberAccountStore store) {
        this.store = store;
    }

    @Bean
    EventSubscription membershipForMemberAccounts() {
        return EventSubscription.named("member-accounts")
                .topics(MembershipEvents.TOPIC)
                .on(
                        MembershipEvents.MEMBER_APPLIED_V1,
                        MembershipEvents.MemberApplied.class,
                        this::onApplied)
                .on(
                        MEMBER + "admitted.v1",
                        MembershipEvents.StatusChanged.class,
                        this::onStatusChanged)
                .on(
                        MEMBER + "rejected.v1",
                        MembershipEvents.StatusChanged.class,
                        this::onStatusChanged)
                .on(
                        MEMBER + "suspended.v1",
                        MembershipEvents.StatusChanged.class,
                        this::onStatusChanged)
                .on(
                        MEMBER + "reinstated.v1",
                        MembershipEvents.StatusChanged.class,
                        this::onStatusChanged)
                .on(MEMBER + "left.v1", MembershipEvents.StatusChanged.class, this::onStatusChanged)
                .on(
                        MEMBER + "excluded.v1",
                        MembershipEvents.StatusChanged.class,
                        this::onStatusChanged)
                .build();
    }

    /**
     * Opens the account. An event without a member id is poison: it once opened an account for
     * nobody, and every such event after it was applied to that one.
     */
    void onApplied(ReceivedEvent<MembershipEvents.MemberApplied> event) {
        MembershipEvents.MemberApplied applied = event.data();
        if (applied.memberId() == null || applied.memberId().isBlank()) {
            throw new PoisonEventException(
                    "Event " + event.id() + " (" + event.type() + "): no memberId", null);
        }
        Instant at = event.time() != null ? event.time() : Instant.now();
        boolean applied1 =
                store.open(
                        applied.memberId(), event.id(), applied.legalName(), applied.country(), at);
        log.info(
                "Member account {} for {}: {}",
                applied.memberId(),
                applied.legalName(),
                applied1 ? "opened" : "already open (duplicate event)");
    }

    /** Whether a member account was opened for this id (by any of the member's events). */
    public boolean exists(String memberId) {
        return store.exists(memberId);
    }

    /**
     * The member's new status, as the event names it; the account is opened if finance never heard
     * of the application (events before it was listening). An event without a member id or a status
     * is poison.
     */
    void onStatusChanged(ReceivedEvent<MembershipEvents.StatusChanged> event) {
        String memberId = event.data().memberId();
        if (memberId == null || memberId.isBlank()) {
            throw new PoisonEventException(
                    "Event " + event.id() + " (" + event.type() + "): no memberId", null);
        }
        String status = event.data().status();
        if (status == null || status.isBlank()) {
            throw new PoisonEventException(
                    "Event " + event.id() + " (" + event.type() + "): no status", null);
        }
        Instant at = event.time() != null ? event.time() : Instant.now();
        MembershipEvents.Profile profile = event.data().profile();
        boolean applied =
                store.changeStatus(
                        memberId,
                        event.id(),
                        status,
                        profile == null ? null : profile.legalName(),
                        profile == null ? null : profile.country(),
                        at);
        log.info(
                "Member account {}: {}",
                memberId,
                applied ? status : "unchanged (duplicate event)");
    }

    public Optional<MemberAccount> find(String memberId) {
        return store.find(memberId);
    }
}
