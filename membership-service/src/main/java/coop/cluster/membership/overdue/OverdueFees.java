package coop.cluster.membership.overdue;

import coop.cluster.membership.council.Council;
import coop.cluster.membership.council.domain.OverduePolicy;
import coop.cluster.membership.member.Members;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.overdue.persistence.PendingSuspensions;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Acts on finance's "fee overdue" by the policy the council adopted (an OVERDUE_POLICY resolution):
 * no policy, or one that says not to suspend, leaves the member alone; otherwise the member is
 * suspended once the fee is {@code suspendAfterDays} days past its due date, at once if that day
 * has come, else by a sweep on that day, unless "fee paid" arrives first. An invoice suspends a
 * member at most once (see {@link Members#suspendForOverdue}), so a redelivered event, or a sweep
 * that ran twice, changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class OverdueFees {

    private static final Logger log = LoggerFactory.getLogger(OverdueFees.class);

    private final Council council;
    private final Members members;
    private final PendingSuspensions pending;
    private final Clock clock;
    private final MeterRegistry meters;

    OverdueFees(
            Council council,
            Members members,
            PendingSuspensions pending,
            Clock clock,
            MeterRegistry meters) {
        this.council = council;
        this.members = members;
        this.pending = pending;
        this.clock = clock;
        this.meters = meters;
    }

    @Bean
    EventSubscription financeFeesForSuspensions() {
        return EventSubscription.named("overdue-fees")
                .topics(FinanceEvents.TOPIC)
                .on(FinanceEvents.FEE_OVERDUE_V1, FinanceEvents.FeeOverdue.class, this::onOverdue)
                .on(FinanceEvents.FEE_PAID_V1, FinanceEvents.FeePaid.class, this::onPaid)
                .build();
    }

    void onOverdue(ReceivedEvent<FinanceEvents.FeeOverdue> event) {
        FinanceEvents.FeeOverdue overdue = event.data();
        if (overdue.invoiceId() == null
                || overdue.memberId() == null
                || overdue.dueDate() == null) {
            throw new PoisonEventException(
                    "fee overdue without invoiceId, memberId or dueDate: " + event.id(), null);
        }
        Optional<OverduePolicy> policy = council.overduePolicy().filter(OverduePolicy::suspend);
        if (policy.isEmpty()) {
            log.info(
                    "Invoice {} of member {} is overdue; the council's policy is not to suspend",
                    overdue.invoiceId(),
                    overdue.memberId());
            count("no-policy");
            return;
        }
        Instant suspendAt =
                overdue.dueDate()
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .plus(Duration.ofDays(policy.get().suspendAfterDays()));
        String reason =
                "Fee invoice %s%s (%s %s) unpaid since %s"
                        .formatted(
                                overdue.invoiceId(),
                                overdue.feeYear() == null ? "" : " for " + overdue.feeYear(),
                                overdue.amountDue(),
                                overdue.currency(),
                                overdue.dueDate());
        if (clock.instant().isBefore(suspendAt)) {
            pending.schedule(
                    overdue.invoiceId(), new MemberId(overdue.memberId()), suspendAt, reason);
            log.info(
                    "Member {} will be suspended on {} unless invoice {} is paid",
                    overdue.memberId(),
                    suspendAt,
                    overdue.invoiceId());
            count("scheduled");
            return;
        }
        suspend(new MemberId(overdue.memberId()), overdue.invoiceId(), reason);
    }

    void onPaid(ReceivedEvent<FinanceEvents.FeePaid> event) {
        if (event.data().invoiceId() != null && pending.cancel(event.data().invoiceId())) {
            log.info(
                    "Invoice {} paid: the suspension of member {} is called off",
                    event.data().invoiceId(),
                    event.data().memberId());
            count("called-off");
        }
    }

    /**
     * Suspends the members whose overdue fee reached the council's limit; the policy is read again
     * first.
     */
    @Scheduled(
            fixedDelayString = "${cluster.overdue.sweep-interval:PT1M}",
            initialDelayString = "PT10S")
    void sweep() {
        for (PendingSuspensions.Pending due : pending.due(clock.instant(), 100)) {
            if (council.overduePolicy().filter(OverduePolicy::suspend).isPresent()) {
                suspend(due.member(), due.invoiceId(), due.reason());
            } else {
                count("no-policy");
            }
            pending.cancel(due.invoiceId());
        }
    }

    private void suspend(MemberId member, String invoiceId, String reason) {
        boolean suspended = members.suspendForOverdue(member, invoiceId, reason).isPresent();
        count(suspended ? "suspended" : "unchanged");
    }

    private void count(String outcome) {
        meters.counter("cluster.membership.overdue.notices", "outcome", outcome).increment();
    }
}
