package coop.cluster.notification.subscription;

import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.events.Payloads;
import coop.cluster.notification.notify.EventNotices;
import coop.cluster.notification.notify.Notifier;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Everything notification-service reads, one subscription per topic (consumer group {@code
 * notification-service.<name>}, dead letters on {@code notification-service.<name>.dlt}). Events
 * that change who is who update the view ({@link Audience}); events that concern people become
 * notices ({@link EventNotices}) that the {@link Notifier} delivers. A topic's view updates and its
 * notices share one subscription, so that an aggregate's earlier events (the project's partners,
 * the applicant) are in the view before its later ones are told.
 */
@Configuration(proxyBeanMethods = false)
class Subscriptions {

    /**
     * Consumers per subscription: one per partition of the platform's topics (3), so that a burst
     * on one topic is handled three records at a time (each waits mostly for the store's commits);
     * one aggregate's events keep their order, as they share a partition.
     */
    static final int CONSUMERS = 3;

    private static final String MEMBER = "cluster.membership.member.";
    private static final String PERSON = "cluster.identity.person.";

    private final Audience audience;
    private final EventNotices notices;
    private final Notifier notifier;

    Subscriptions(Audience audience, EventNotices notices, Notifier notifier) {
        this.audience = audience;
        this.notices = notices;
        this.notifier = notifier;
    }

    @Bean
    EventSubscription people() {
        return EventSubscription.named("people")
                .topics(Payloads.IDENTITY)
                .concurrency(CONSUMERS)
                .on(
                        PERSON + "registered.v1",
                        Payloads.PersonRegistered.class,
                        e ->
                                audience.registered(
                                        e,
                                        e.data().personId(),
                                        e.data().email(),
                                        e.data().displayName(),
                                        e.data().language()))
                .on(
                        PERSON + "joined-organisation.v1",
                        Payloads.JoinedOrganisation.class,
                        e ->
                                audience.joined(
                                        e,
                                        e.data().personId(),
                                        e.data().memberId(),
                                        e.data().roles(),
                                        e.data().email(),
                                        e.data().displayName(),
                                        e.data().language()))
                .on(
                        PERSON + "roles-changed.v1",
                        Payloads.RolesChanged.class,
                        e ->
                                audience.rolesChanged(
                                        e,
                                        e.data().personId(),
                                        e.data().memberId(),
                                        e.data().roles(),
                                        e.data().staffRoles()))
                .on(
                        PERSON + "left-organisation.v1",
                        Payloads.LeftOrganisation.class,
                        e -> audience.left(e, e.data().personId()))
                .build();
    }

    @Bean
    EventSubscription members() {
        return EventSubscription.named("members")
                .topics(Payloads.MEMBERS)
                .concurrency(CONSUMERS)
                .on(
                        MEMBER + "applied.v1",
                        Payloads.MemberApplied.class,
                        e ->
                                audience.organisation(
                                        e,
                                        e.data().memberId(),
                                        "APPLIED",
                                        legalName(e.data().profile(), e.data().legalName()),
                                        e.data().appliedBy()))
                .on(MEMBER + "admitted.v1", Payloads.MemberAdmitted.class, this::admitted)
                .on(
                        MEMBER + "profile-changed.v1",
                        Payloads.MemberProfileChanged.class,
                        e ->
                                audience.organisation(
                                        e,
                                        e.data().memberId(),
                                        e.data().status(),
                                        legalName(e.data().profile(), null),
                                        null))
                .on(
                        MEMBER + "suspended.v1",
                        Payloads.MemberStatusChanged.class,
                        e -> status(e, "SUSPENDED"))
                .on(
                        MEMBER + "reinstated.v1",
                        Payloads.MemberStatusChanged.class,
                        e -> status(e, "ACTIVE"))
                .on(
                        MEMBER + "rejected.v1",
                        Payloads.MemberStatusChanged.class,
                        e -> status(e, "REJECTED"))
                .on(MEMBER + "left.v1", Payloads.MemberStatusChanged.class, e -> status(e, "LEFT"))
                .on(
                        MEMBER + "excluded.v1",
                        Payloads.MemberStatusChanged.class,
                        e -> status(e, "EXCLUDED"))
                .on(
                        MEMBER + "delegate-appointed.v1",
                        Payloads.DelegateAppointed.class,
                        e -> audience.delegate(e, e.data().memberId(), e.data().subject()))
                .on(
                        MEMBER + "delegate-removed.v1",
                        Payloads.DelegateRemoved.class,
                        e -> audience.delegate(e, e.data().memberId(), null))
                .build();
    }

    private void admitted(ReceivedEvent<Payloads.MemberAdmitted> e) {
        String memberId = e.data().memberId();
        String name =
                Optional.ofNullable(legalName(e.data().profile(), null))
                        .or(() -> audience.organisationName(memberId))
                        .orElse(null);
        audience.organisation(e, memberId, "ACTIVE", name, null);
        tell(notices.memberAdmitted(e, name));
    }

    private void status(ReceivedEvent<Payloads.MemberStatusChanged> e, String status) {
        audience.organisation(e, e.data().memberId(), status, null, null);
    }

    @Bean
    EventSubscription council() {
        return EventSubscription.named("council")
                .topics(Payloads.COUNCIL)
                .concurrency(CONSUMERS)
                .on(
                        "cluster.membership.proposal.tabled.v1",
                        Payloads.ProposalTabled.class,
                        e -> tell(notices.proposalTabled(e)))
                .on(
                        "cluster.membership.resolution.adopted.v1",
                        Payloads.ResolutionAdopted.class,
                        e -> tell(notices.resolutionAdopted(e)))
                .on(
                        "cluster.membership.resolution.rejected.v1",
                        Payloads.ResolutionRejected.class,
                        e -> tell(notices.resolutionRejected(e)))
                .build();
    }

    @Bean
    EventSubscription projects() {
        String p = "cluster.project.";
        return EventSubscription.named("projects")
                .topics(Payloads.PROJECTS)
                .concurrency(CONSUMERS)
                .on(
                        p + "project.created.v1",
                        Payloads.ProjectCreated.class,
                        e ->
                                audience.project(
                                        e,
                                        e.data().projectId(),
                                        title(e.data().project()),
                                        e.data().leaderId(),
                                        partners(e.data().project())))
                .on(
                        p + "project.updated.v1",
                        Payloads.ProjectUpdated.class,
                        e ->
                                audience.project(
                                        e,
                                        e.data().projectId(),
                                        title(e.data().project()),
                                        e.data().leaderId(),
                                        partners(e.data().project())))
                .on(
                        p + "partner.joined.v1",
                        Payloads.PartnerChanged.class,
                        e -> audience.partnerJoined(e, e.data().projectId(), e.data().memberId()))
                .on(
                        p + "partner.left.v1",
                        Payloads.PartnerChanged.class,
                        e -> audience.partnerLeft(e, e.data().projectId(), e.data().memberId()))
                .on(
                        p + "agreement.proposed.v1",
                        Payloads.AgreementProposed.class,
                        e -> tell(notices.agreementProposed(e)))
                .build();
    }

    @Bean
    EventSubscription invitations() {
        return EventSubscription.named("invitations")
                .topics(Payloads.INVITATIONS)
                .concurrency(CONSUMERS)
                .onBatch(
                        "cluster.project.invitation.sent.v1",
                        Payloads.PartnerInvited.class,
                        events -> {
                            EventNotices batch =
                                    notices.with(
                                            audience.forMembers(
                                                    events.stream()
                                                            .map(e -> e.data().memberId())
                                                            .toList()));
                            notifier.notifyAll(events.stream().map(batch::invitationSent).toList());
                        })
                .build();
    }

    @Bean
    EventSubscription fees() {
        return EventSubscription.named("fees")
                .topics(Payloads.FEES)
                .concurrency(CONSUMERS)
                .onBatch(
                        "cluster.finance.fee.invoiced.v1",
                        Payloads.FeeInvoiced.class,
                        events -> {
                            EventNotices batch =
                                    notices.with(
                                            audience.forMembers(
                                                    events.stream()
                                                            .map(e -> e.data().memberId())
                                                            .toList()));
                            notifier.notifyAll(
                                    events.stream()
                                            .flatMap(e -> batch.feeInvoiced(e).stream())
                                            .toList());
                        })
                .onBatch(
                        "cluster.finance.fee.overdue.v1",
                        Payloads.FeeOverdue.class,
                        events -> {
                            EventNotices batch =
                                    notices.with(
                                            audience.forMembers(
                                                    events.stream()
                                                            .map(e -> e.data().memberId())
                                                            .toList()));
                            notifier.notifyAll(events.stream().map(batch::feeOverdue).toList());
                        })
                .build();
    }

    @Bean
    EventSubscription reports() {
        return EventSubscription.named("reports")
                .topics(Payloads.REPORTS)
                .concurrency(CONSUMERS)
                .on(
                        "cluster.finance.report.published.v1",
                        Payloads.ReportPublished.class,
                        e -> tell(notices.reportPublished(e)))
                .build();
    }

    @Bean
    EventSubscription calls() {
        return EventSubscription.named("calls")
                .topics(Payloads.CALLS)
                .concurrency(CONSUMERS)
                .on(
                        "cluster.fundingwatch.deadline.approaching.v1",
                        Payloads.DeadlineApproaching.class,
                        e -> tell(notices.deadlineApproaching(e)))
                .build();
    }

    /**
     * Every match tells the matched organisations' people of the call ({@code call-matched}; a
     * burst of matches is gathered into one e-mail); the saved watches' matches also say which
     * organisations watch which call.
     */
    @Bean
    EventSubscription opportunities() {
        return EventSubscription.named("opportunities")
                .topics(Payloads.OPPORTUNITIES)
                .concurrency(CONSUMERS)
                .on(
                        "cluster.fundingwatch.opportunity.matched.v1",
                        Payloads.OpportunityMatched.class,
                        e -> {
                            Payloads.OpportunityMatched m = e.data();
                            if (m.target() != null
                                    && "watch".equals(m.target().kind())
                                    && m.callId() != null
                                    && m.memberIds() != null) {
                                audience.watching(m.callId(), m.memberIds());
                            }
                            notices.opportunityMatched(e).ifPresent(this::tell);
                        })
                .build();
    }

    /**
     * The exchange events: each event's titles, place and times kept in the view ({@code
     * published}), which the registrations' notices, later on the same partition (the key is the
     * event's id), read; the person registered hears of their place, their rank on the waiting list
     * and a freed place; everyone registered hears of a cancellation; the members' people of a new
     * event open to all members or to guests.
     */
    @Bean
    EventSubscription activities() {
        String a = "cluster.activity.";
        return EventSubscription.named("activities")
                .topics(Payloads.ACTIVITIES)
                .concurrency(CONSUMERS)
                .on(
                        a + "event.published.v1",
                        Payloads.EventPublished.class,
                        e -> {
                            Payloads.EventPublished p = e.data();
                            audience.activity(
                                    e,
                                    p.eventId(),
                                    p.titleFr(),
                                    p.titleEn(),
                                    p.place(),
                                    p.onlineLink(),
                                    p.startsAt(),
                                    p.endsAt());
                            notices.eventPublished(e).ifPresent(this::tell);
                        })
                .on(
                        a + "event.cancelled.v1",
                        Payloads.EventCancelled.class,
                        e -> tell(notices.eventCancelled(e)))
                .on(
                        a + "registration.confirmed.v1",
                        Payloads.RegistrationConfirmed.class,
                        e -> tell(notices.registrationConfirmed(e)))
                .on(
                        a + "registration.waitlisted.v1",
                        Payloads.RegistrationWaitlisted.class,
                        e -> tell(notices.registrationWaitlisted(e)))
                .on(
                        a + "registration.promoted.v1",
                        Payloads.RegistrationPromoted.class,
                        e -> tell(notices.registrationPromoted(e)))
                .build();
    }

    private void tell(EventNotices.Planned planned) {
        notifier.notify(planned.notice(), planned.recipients());
    }

    private static String legalName(Payloads.Profile profile, String fallback) {
        return profile != null && profile.legalName() != null ? profile.legalName() : fallback;
    }

    private static String title(Payloads.ProjectState state) {
        return state == null ? null : state.title();
    }

    private static java.util.List<String> partners(Payloads.ProjectState state) {
        return state == null ? null : state.partners();
    }
}
