package coop.cluster.notification.calendar;

import coop.cluster.notification.events.Payloads;
import coop.cluster.plumbing.consumer.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the calendar reads: its own subscriptions (consumer groups {@code
 * notification-service.calendar-<name>}, dead letters on {@code
 * notification-service.calendar-<name>.dlt}), separate from the notices' so that the feed's view
 * and the e-mails never wait for each other, and a replay of one does not replay the other.
 */
@Configuration(proxyBeanMethods = false)
class CalendarSubscriptions {

    private static final String CALL = "cluster.fundingwatch.call.";
    private static final String INVITATION = "cluster.project.invitation.";

    private final CalendarItems items;

    CalendarSubscriptions(CalendarItems items) {
        this.items = items;
    }

    /** The calls' cut-offs: published, moved (updated), closed. */
    @Bean
    EventSubscription calendarCalls() {
        return EventSubscription.named("calendar-calls")
                .topics(Payloads.CALLS)
                .on(
                        CALL + "published.v1",
                        CalendarPayloads.CallChanged.class,
                        e -> call(e.data(), e))
                .on(CALL + "updated.v1", CalendarPayloads.CallChanged.class, e -> call(e.data(), e))
                .on(
                        CALL + "closed.v1",
                        CalendarPayloads.CallClosed.class,
                        e -> items.cancel(e, DatedItem.Kind.CALL_CUT_OFF, e.data().callId()))
                .build();
    }

    private void call(
            CalendarPayloads.CallChanged changed,
            coop.cluster.plumbing.consumer.ReceivedEvent<?> e) {
        CalendarPayloads.CallState call = changed.call();
        items.call(
                e,
                changed.callId(),
                call == null ? null : call.title(),
                call == null ? null : call.programme(),
                call == null ? null : call.status(),
                call == null ? null : call.deadlines());
    }

    /**
     * Which organisations a call concerns: every match (a saved watch, the member, a group of
     * theirs).
     */
    @Bean
    EventSubscription calendarOpportunities() {
        return EventSubscription.named("calendar-opportunities")
                .topics(Payloads.OPPORTUNITIES)
                .onBatch(
                        "cluster.fundingwatch.opportunity.matched.v1",
                        Payloads.OpportunityMatched.class,
                        events ->
                                items.matchedAll(
                                        events.stream()
                                                .<java.util.Map.Entry<
                                                                String,
                                                                java.util.Collection<String>>>
                                                        map(
                                                                e ->
                                                                        new java.util.AbstractMap
                                                                                .SimpleEntry<>(
                                                                                e.data().callId(),
                                                                                e.data()
                                                                                        .memberIds()))
                                                .toList()))
                .build();
    }

    /** The council's vote deadlines, for the delegates; a closed vote is cancelled. */
    @Bean
    EventSubscription calendarCouncil() {
        String m = "cluster.membership.";
        return EventSubscription.named("calendar-council")
                .topics(Payloads.COUNCIL)
                .on(
                        m + "proposal.tabled.v1",
                        Payloads.ProposalTabled.class,
                        e ->
                                items.voteTabled(
                                        e,
                                        e.data().proposalId(),
                                        e.data().title(),
                                        e.data().deadline()))
                .on(
                        m + "resolution.adopted.v1",
                        Payloads.ResolutionAdopted.class,
                        e -> items.cancel(e, DatedItem.Kind.VOTE_DEADLINE, e.data().resolutionId()))
                .on(
                        m + "resolution.rejected.v1",
                        Payloads.ResolutionRejected.class,
                        e -> items.cancel(e, DatedItem.Kind.VOTE_DEADLINE, e.data().proposalId()))
                .build();
    }

    /**
     * Invitation expiries, for the invited organisation's people; answered, withdrawn or expired:
     * cancelled.
     */
    @Bean
    EventSubscription calendarInvitations() {
        EventSubscription.Builder builder =
                EventSubscription.named("calendar-invitations")
                        .topics(Payloads.INVITATIONS)
                        .onBatch(
                                INVITATION + "sent.v1",
                                Payloads.PartnerInvited.class,
                                events -> items.invitationsSent(events));
        for (String ended : new String[] {"accepted", "declined", "expired", "withdrawn"}) {
            builder =
                    builder.on(
                            INVITATION + ended + ".v1",
                            CalendarPayloads.InvitationEnded.class,
                            e ->
                                    items.cancel(
                                            e,
                                            DatedItem.Kind.INVITATION_EXPIRY,
                                            e.data().invitationId()));
        }
        return builder.build();
    }

    /** Fee invoices' due dates, for the member's people; paid: cancelled. */
    @Bean
    EventSubscription calendarFees() {
        return EventSubscription.named("calendar-fees")
                .topics(Payloads.FEES)
                .on(
                        "cluster.finance.fee.invoiced.v1",
                        Payloads.FeeInvoiced.class,
                        e -> {
                            Payloads.FeeInvoiced f = e.data();
                            if ("OPEN".equals(f.status()) || "PARTIALLY_PAID".equals(f.status())) {
                                items.invoiced(
                                        e,
                                        f.invoiceId(),
                                        f.memberId(),
                                        f.feeYear(),
                                        f.amount(),
                                        f.currency(),
                                        f.dueDate());
                            }
                        })
                .on(
                        "cluster.finance.fee.paid.v1",
                        CalendarPayloads.FeePaid.class,
                        e -> items.cancel(e, DatedItem.Kind.INVOICE_DUE, e.data().invoiceId()))
                .build();
    }

    /**
     * The exchange events people hold a place at: published (titles, place, times), a place held
     * (confirmed, or promoted from the waiting list) or given up (a confirmed registration
     * cancelled), the event cancelled.
     */
    @Bean
    EventSubscription calendarActivities() {
        String a = "cluster.activity.";
        return EventSubscription.named("calendar-activities")
                .topics(Payloads.ACTIVITIES)
                .on(
                        a + "event.published.v1",
                        Payloads.EventPublished.class,
                        e -> {
                            Payloads.EventPublished p = e.data();
                            items.eventPublished(
                                    e,
                                    p.eventId(),
                                    p.titleFr(),
                                    p.titleEn(),
                                    p.place() != null && !p.place().isBlank()
                                            ? p.place()
                                            : p.onlineLink(),
                                    p.startsAt(),
                                    p.endsAt());
                        })
                .on(
                        a + "event.cancelled.v1",
                        Payloads.EventCancelled.class,
                        e -> items.cancel(e, DatedItem.Kind.EVENT, e.data().eventId()))
                .on(
                        a + "registration.confirmed.v1",
                        Payloads.RegistrationConfirmed.class,
                        e -> items.placeHeld(e, e.data().eventId(), e.data().personId()))
                .on(
                        a + "registration.promoted.v1",
                        Payloads.RegistrationPromoted.class,
                        e -> items.placeHeld(e, e.data().eventId(), e.data().personId()))
                .on(
                        a + "registration.cancelled.v1",
                        CalendarPayloads.RegistrationCancelled.class,
                        e -> {
                            if ("CONFIRMED".equals(e.data().status())) {
                                items.placeGivenUp(e, e.data().eventId(), e.data().personId());
                            }
                        })
                .build();
    }
}
