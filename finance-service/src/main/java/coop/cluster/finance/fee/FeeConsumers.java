package coop.cluster.finance.fee;

import coop.cluster.finance.fee.domain.FeeExemption;
import coop.cluster.finance.fee.domain.FeeSchedule;
import coop.cluster.finance.fee.domain.LateAdmission;
import coop.cluster.finance.fee.persistence.FeeViewStore;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The fees' two subscriptions, each handler idempotent and safe to run again after a crash at any
 * point:
 *
 * <ul>
 *   <li>{@code fee-members} ({@code membership.members}): finance's view of the members (status,
 *       category, admission); "member admitted" then invoices the member's fee for the fee year of
 *       its admission. A lifecycle event (admitted, suspended, reinstated, left, excluded) carries
 *       the member's new status in its {@code status} ({@code ACTIVE}, {@code SUSPENDED}, {@code
 *       LEFT}, {@code EXCLUDED}...), which the view takes as it is: finance keeps no table of its
 *       own from event types to statuses;
 *   <li>{@code fee-council} ({@code membership.council}): the fee schedules and exemptions; a
 *       schedule for the current or a past fee year invoices every member still owing that year's
 *       fee (those admitted before the schedule came).
 * </ul>
 *
 * An exemption may arrive before the member's admission: it is kept by resolution and applies when
 * the member is invoiced. A schedule may arrive after the admissions it prices. Unreadable or
 * incomplete events are poison (to the dead-letter topic at once): a lifecycle event without its
 * {@code status} too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeeSettings.class)
class FeeConsumers {

    private static final Logger log = LoggerFactory.getLogger(FeeConsumers.class);

    private final FeeViewStore views;
    private final FeeInvoicing invoicing;

    FeeConsumers(FeeViewStore views, FeeInvoicing invoicing) {
        this.views = views;
        this.invoicing = invoicing;
    }

    @Bean
    EventSubscription feeMembersSubscription() {
        String p = MembershipFeeEvents.MEMBER;
        return EventSubscription.named("fee-members")
                .topics(MembershipFeeEvents.MEMBERS_TOPIC)
                .on(p + "admitted.v1", MembershipFeeEvents.WithProfile.class, this::onAdmitted)
                .on(
                        p + "profile-changed.v1",
                        MembershipFeeEvents.WithProfile.class,
                        this::onProfileChanged)
                .on(
                        p + "suspended.v1",
                        MembershipFeeEvents.StatusChange.class,
                        this::onStatusChanged)
                .on(
                        p + "reinstated.v1",
                        MembershipFeeEvents.StatusChange.class,
                        this::onStatusChanged)
                .on(p + "left.v1", MembershipFeeEvents.StatusChange.class, this::onStatusChanged)
                .on(
                        p + "excluded.v1",
                        MembershipFeeEvents.StatusChange.class,
                        this::onStatusChanged)
                .build();
    }

    @Bean
    EventSubscription feeCouncilSubscription() {
        return EventSubscription.named("fee-council")
                .topics(MembershipFeeEvents.COUNCIL_TOPIC)
                .on(
                        MembershipFeeEvents.FEE_SCHEDULE_ADOPTED_V1,
                        MembershipFeeEvents.FeeScheduleAdopted.class,
                        this::onScheduleAdopted)
                .on(
                        MembershipFeeEvents.FEE_EXEMPTION_GRANTED_V1,
                        MembershipFeeEvents.FeeExemptionGranted.class,
                        this::onExemptionGranted)
                .build();
    }

    void onAdmitted(ReceivedEvent<MembershipFeeEvents.WithProfile> event) {
        String memberId = required(event.data().memberId(), "memberId", event);
        String status = required(event.data().status(), "status", event);
        Instant admittedAt =
                event.data().admittedAt() != null ? event.data().admittedAt() : event.time();
        if (admittedAt == null) {
            throw poison(event, "no admittedAt");
        }
        LocalDate admittedOn = LocalDate.ofInstant(admittedAt, ZoneOffset.UTC);
        FeeViewStore.MemberChange profile = profile(event.data());
        views.applyToMember(
                memberId,
                event.id(),
                new FeeViewStore.MemberChange(
                        status, admittedOn, profile.category(), profile.legalName()),
                Instant.now());
        // also on a redelivery: the handler may have stopped between the view and the invoice
        FeeInvoicing.Outcome outcome =
                invoicing.invoice(memberId, invoicing.years().yearOf(admittedOn));
        log.info("Member {} admitted on {}: {}", memberId, admittedOn, outcome);
    }

    void onProfileChanged(ReceivedEvent<MembershipFeeEvents.WithProfile> event) {
        String memberId = required(event.data().memberId(), "memberId", event);
        FeeViewStore.MemberChange changed = profile(event.data());
        if (!changed.isEmpty()) {
            views.applyToMember(memberId, event.id(), changed, Instant.now());
        }
    }

    /** The category and legal name an event's profile carries, each null when it does not. */
    private static FeeViewStore.MemberChange profile(MembershipFeeEvents.WithProfile data) {
        if (data.profile() == null) {
            return new FeeViewStore.MemberChange(null, null, null, null);
        }
        return new FeeViewStore.MemberChange(
                null, null, data.profile().organisationType(), data.profile().legalName());
    }

    /** The member's new status, as the event says it. */
    void onStatusChanged(ReceivedEvent<MembershipFeeEvents.StatusChange> event) {
        String memberId = required(event.data().memberId(), "memberId", event);
        String status = required(event.data().status(), "status", event);
        views.applyToMember(
                memberId,
                event.id(),
                new FeeViewStore.MemberChange(status, null, null, null),
                Instant.now());
    }

    void onScheduleAdopted(ReceivedEvent<MembershipFeeEvents.FeeScheduleAdopted> event) {
        MembershipFeeEvents.FeeScheduleAdopted adopted = event.data();
        String resolutionId = required(adopted.resolutionId(), "resolutionId", event);
        if (adopted.feeYear() == null || adopted.amounts() == null || adopted.amounts().isEmpty()) {
            throw poison(event, "no feeYear or amounts");
        }
        FeeSchedule schedule;
        try {
            Map<String, BigDecimal> amounts = new LinkedHashMap<>();
            adopted.amounts()
                    .forEach((category, amount) -> amounts.put(category, new BigDecimal(amount)));
            Instant adoptedAt = adopted.adoptedAt() != null ? adopted.adoptedAt() : event.time();
            schedule =
                    new FeeSchedule(
                            adopted.feeYear(),
                            Currency.getInstance(String.valueOf(adopted.currency())),
                            amounts,
                            resolutionId,
                            adoptedAt == null ? Instant.EPOCH : adoptedAt,
                            LateAdmission.of(adopted.lateAdmission()));
        } catch (RuntimeException unreadable) {
            throw new PoisonEventException(
                    "Fee schedule " + event.id() + " cannot be read: " + unreadable.getMessage(),
                    unreadable);
        }
        boolean stored = views.saveSchedule(schedule);
        log.info(
                "Fee schedule {} for {} ({}, late admissions {}): {}",
                resolutionId,
                schedule.feeYear(),
                schedule.currency(),
                schedule.lateAdmission(),
                stored ? "in force" : "not newer than the one finance holds");
        // also when not stored: a redelivery must finish a run the handler may not have finished
        if (schedule.feeYear() <= invoicing.years().yearOf(invoicing.today())) {
            invoicing.run(schedule.feeYear());
        }
    }

    void onExemptionGranted(ReceivedEvent<MembershipFeeEvents.FeeExemptionGranted> event) {
        MembershipFeeEvents.FeeExemptionGranted granted = event.data();
        String resolutionId = required(granted.resolutionId(), "resolutionId", event);
        String memberId = required(granted.memberId(), "memberId", event);
        FeeExemption exemption;
        try {
            BigDecimal percent =
                    "FULL".equals(granted.extent()) && granted.percent() == null
                            ? new BigDecimal("100")
                            : new BigDecimal(String.valueOf(granted.percent()));
            exemption =
                    new FeeExemption(
                            resolutionId,
                            memberId,
                            percent,
                            granted.validFrom(),
                            granted.validUntil(),
                            granted.reason());
        } catch (RuntimeException unreadable) {
            throw new PoisonEventException(
                    "Fee exemption " + event.id() + " cannot be read: " + unreadable.getMessage(),
                    unreadable);
        }
        views.saveExemption(exemption);
        // also on a redelivery: the handler may have stopped before every invoice was adjusted
        int reduced = invoicing.applyLateExemption(exemption);
        log.info(
                "Fee exemption {}: {} issued invoice(s) of member {} reduced",
                resolutionId,
                reduced,
                memberId);
        log.info(
                "Fee exemption {} for member {}: {}% from {} to {}",
                resolutionId,
                memberId,
                exemption.percent().toPlainString(),
                exemption.validFrom(),
                exemption.validUntil());
    }

    private static String required(String value, String name, ReceivedEvent<?> event) {
        if (value == null || value.isBlank()) {
            throw poison(event, "no " + name);
        }
        return value;
    }

    private static PoisonEventException poison(ReceivedEvent<?> event, String why) {
        return new PoisonEventException(
                "Event " + event.id() + " (" + event.type() + "): " + why, null);
    }
}
