package coop.cluster.notification.notify;

import coop.cluster.notification.audience.Directory;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.events.Payloads;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who hears about what: for each event that concerns people, the notice and its recipients,
 * resolved against the {@link Directory} (this service's own view) as it stands when the event is
 * handled. No Spring, no store: the rules are tested on their own.
 */
public class EventNotices {

    /** A notice and the people it goes to. */
    public record Planned(Notice notice, List<Person> recipients) {}

    private final Directory directory;
    private final Clock clock;

    public EventNotices(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The same rules asked of another directory (a batch's: {@code Audience.forMembers}). */
    public EventNotices with(Directory other) {
        return new EventNotices(other, clock);
    }

    /** A project invitation: to the invited organisation's people. */
    public Planned invitationSent(ReceivedEvent<Payloads.PartnerInvited> event) {
        Payloads.PartnerInvited e = event.data();
        return planned(
                event,
                Kind.PROJECT_INVITATION,
                args(
                        "projectTitle",
                        e.projectTitle(),
                        "role",
                        e.role(),
                        "expiresAt",
                        e.expiresAt(),
                        "organisation",
                        organisation(e.memberId())),
                "home#invitations",
                directory.peopleOf(Set.of(e.memberId())));
    }

    /**
     * A version of the agreement to sign: to the people of every partner (the leader and the
     * contributors too).
     */
    public Planned agreementProposed(ReceivedEvent<Payloads.AgreementProposed> event) {
        Payloads.AgreementProposed e = event.data();
        Set<String> members = new LinkedHashSet<>();
        Optional<Directory.ProjectSummary> project = directory.project(e.projectId());
        project.ifPresent(
                p -> {
                    if (p.leaderId() != null) {
                        members.add(p.leaderId());
                    }
                    members.addAll(p.partners());
                });
        if (e.agreement() != null && e.agreement().contributions() != null) {
            e.agreement().contributions().forEach(c -> members.add(c.memberId()));
        }
        members.remove(null);
        String title = project.map(Directory.ProjectSummary::title).orElse("");
        int version = e.agreement() == null ? 0 : e.agreement().version();
        return planned(
                event,
                Kind.AGREEMENT_TO_SIGN,
                args("projectTitle", title, "version", version),
                "projects/" + e.projectId() + "/sign",
                directory.peopleOf(members));
    }

    /** A council vote opened: to the delegates. */
    public Planned proposalTabled(ReceivedEvent<Payloads.ProposalTabled> event) {
        Payloads.ProposalTabled e = event.data();
        return planned(
                event,
                Kind.VOTE_OPENED,
                args("title", e.title(), "deadline", e.deadline()),
                "council/proposals/" + e.proposalId(),
                directory.delegates());
    }

    public Planned resolutionAdopted(ReceivedEvent<Payloads.ResolutionAdopted> event) {
        Payloads.ResolutionAdopted e = event.data();
        return voteResult(event, e.resolutionId(), e.title(), "adopted", e.tally());
    }

    public Planned resolutionRejected(ReceivedEvent<Payloads.ResolutionRejected> event) {
        Payloads.ResolutionRejected e = event.data();
        String outcome =
                "quorum-not-met".equals(e.reason()) || "majority-not-reached".equals(e.reason())
                        ? e.reason()
                        : "rejected";
        return voteResult(event, e.proposalId(), e.title(), outcome, e.tally());
    }

    private Planned voteResult(
            ReceivedEvent<?> event,
            String proposalId,
            String title,
            String outcome,
            Payloads.Tally tally) {
        Map<String, Object> args =
                args("title", title, "outcome", new Phrase("outcome." + outcome));
        if (tally != null) {
            args.putAll(
                    args(
                            "forVotes",
                            tally.forVotes(),
                            "against",
                            tally.against(),
                            "abstain",
                            tally.abstain()));
        }
        return planned(
                event,
                Kind.VOTE_RESULT,
                args,
                "council/proposals/" + proposalId,
                directory.delegates());
    }

    /**
     * An invoice to pay: to the member's people. An exempt invoice (nothing to pay) tells nobody.
     */
    public Optional<Planned> feeInvoiced(ReceivedEvent<Payloads.FeeInvoiced> event) {
        Payloads.FeeInvoiced e = event.data();
        if ("EXEMPT".equals(e.status())) {
            return Optional.empty();
        }
        return Optional.of(
                planned(
                        event,
                        Kind.INVOICE_ISSUED,
                        args(
                                "feeYear",
                                e.feeYear(),
                                "amount",
                                e.amount(),
                                "currency",
                                e.currency(),
                                "dueDate",
                                e.dueDate(),
                                "organisation",
                                organisation(e.memberId())),
                        "invoices",
                        directory.peopleOf(Set.of(e.memberId()))));
    }

    public Planned feeOverdue(ReceivedEvent<Payloads.FeeOverdue> event) {
        Payloads.FeeOverdue e = event.data();
        return planned(
                event,
                Kind.INVOICE_OVERDUE,
                args(
                        "feeYear",
                        e.feeYear(),
                        "amountDue",
                        e.amountDue(),
                        "currency",
                        e.currency(),
                        "dueDate",
                        e.dueDate(),
                        "daysOverdue",
                        e.daysOverdue(),
                        "organisation",
                        organisation(e.memberId())),
                "invoices",
                directory.peopleOf(Set.of(e.memberId())));
    }

    /**
     * An application admitted: to the person who filed it (from {@code member.applied}'s {@code
     * appliedBy}: the identity service makes them the organisation's admin only after this event)
     * and to whoever belongs to the organisation already.
     */
    public Planned memberAdmitted(ReceivedEvent<Payloads.MemberAdmitted> event, String legalName) {
        Payloads.MemberAdmitted e = event.data();
        List<Person> recipients = new ArrayList<>(directory.peopleOf(Set.of(e.memberId())));
        directory.appliedBy(e.memberId()).flatMap(directory::person).ifPresent(recipients::add);
        return planned(
                event,
                Kind.APPLICATION_ADMITTED,
                args("organisation", legalName == null ? "" : legalName),
                "home",
                recipients);
    }

    /** A financial report published: to everyone (non-essential). */
    public Planned reportPublished(ReceivedEvent<Payloads.ReportPublished> event) {
        Payloads.ReportPublished e = event.data();
        return planned(
                event,
                Kind.REPORT_PUBLISHED,
                args(
                        "periodId",
                        e.periodId(),
                        "from",
                        e.from(),
                        "to",
                        e.to(),
                        "revision",
                        e.revision()),
                "reports/" + e.periodId(),
                directory.everyone());
    }

    /**
     * A cut-off approaching: to the people of the organisations whose saved watches matched the
     * call.
     */
    public Planned deadlineApproaching(ReceivedEvent<Payloads.DeadlineApproaching> event) {
        Payloads.DeadlineApproaching e = event.data();
        return planned(
                event,
                Kind.CALL_DEADLINE,
                args(
                        "title",
                        e.title(),
                        "programme",
                        e.programme(),
                        "deadline",
                        e.deadline(),
                        "daysLeft",
                        e.daysLeft()),
                "calls/" + e.callId(),
                directory.peopleOf(directory.watchersOf(e.callId())));
    }

    /**
     * A new call that fits an organisation (its profile, a thematic group of its, a project of its,
     * or its saved watch): to the people of the matched member organisations. One notice per call
     * and person, whichever target and event told it (the key is the call), so a call matched
     * through the profile and a watch is told once.
     */
    public Optional<Planned> opportunityMatched(ReceivedEvent<Payloads.OpportunityMatched> event) {
        Payloads.OpportunityMatched e = event.data();
        if (e.callId() == null || e.memberIds() == null || e.memberIds().isEmpty()) {
            return Optional.empty();
        }
        Instant at = event.time() == null ? clock.instant() : event.time();
        Payloads.MatchedCall call = e.call();
        Object deadline =
                call == null || call.deadlines() == null
                        ? null
                        : call.deadlines().stream()
                                .filter(d -> d != null && !d.isBefore(at))
                                .findFirst()
                                .orElse(null);
        String targetKind =
                e.target() == null || e.target().kind() == null ? "member" : e.target().kind();
        if (!List.of("member", "group", "project", "watch").contains(targetKind)) {
            targetKind = "member";
        }
        String targetName = e.target() == null ? null : e.target().name();
        Phrase target =
                targetName == null || targetName.isBlank()
                        ? new Phrase("target." + targetKind)
                        : new Phrase("target." + targetKind + ".named", targetName);
        Map<String, Object> args =
                args(
                        "title",
                        call == null || call.title() == null ? "" : call.title(),
                        "programme",
                        call == null || call.programme() == null
                                ? new Phrase("programme.none")
                                : call.programme(),
                        "deadline",
                        deadline == null ? new Phrase("deadline.none") : deadline,
                        "target",
                        target);
        List<Person> recipients = directory.peopleOfFollowed(new LinkedHashSet<>(e.memberIds()));
        return Optional.of(
                new Planned(
                        new Notice(
                                event.id(),
                                at,
                                Kind.CALL_MATCHED,
                                args,
                                "calls/" + e.callId(),
                                "call-matched:" + e.callId()),
                        List.copyOf(recipients)));
    }

    // --- exchange events (activity.events)

    /** A place held at an exchange event: to the person who registered. */
    public Planned registrationConfirmed(ReceivedEvent<Payloads.RegistrationConfirmed> event) {
        Payloads.RegistrationConfirmed e = event.data();
        return aboutActivity(
                event, Kind.REGISTRATION_CONFIRMED, e.eventId(), Map.of(), person(e.personId()));
    }

    /** The event is full: to the person who registered, with their place in the queue. */
    public Planned registrationWaitlisted(ReceivedEvent<Payloads.RegistrationWaitlisted> event) {
        Payloads.RegistrationWaitlisted e = event.data();
        return aboutActivity(
                event,
                Kind.REGISTRATION_WAITLISTED,
                e.eventId(),
                Map.of("position", e.position()),
                person(e.personId()));
    }

    /** A place freed by a cancellation: to the first person waiting, who now holds it. */
    public Planned registrationPromoted(ReceivedEvent<Payloads.RegistrationPromoted> event) {
        Payloads.RegistrationPromoted e = event.data();
        return aboutActivity(
                event, Kind.REGISTRATION_PROMOTED, e.eventId(), Map.of(), person(e.personId()));
    }

    /**
     * An exchange event cancelled: to every person registered (holding a place or waiting), as the
     * event lists them.
     */
    public Planned eventCancelled(ReceivedEvent<Payloads.EventCancelled> event) {
        Payloads.EventCancelled e = event.data();
        Map<String, Object> args = new HashMap<>();
        args.put(
                "reason",
                e.reason() == null || e.reason().isBlank()
                        ? new Phrase("activity.reason.none")
                        : new Phrase("activity.reason", e.reason()));
        List<Person> recipients = new ArrayList<>();
        if (e.registeredPeople() != null) {
            new LinkedHashSet<>(e.registeredPeople()).forEach(id -> recipients.addAll(person(id)));
        }
        return aboutActivity(event, Kind.EVENT_CANCELLED, e.eventId(), args, recipients);
    }

    /**
     * A new exchange event: to the members' people when it is open to all members or to guests. An
     * event for one thematic group tells nobody: this service does not know the groups' members.
     */
    public Optional<Planned> eventPublished(ReceivedEvent<Payloads.EventPublished> event) {
        Payloads.EventPublished e = event.data();
        if (!"ALL_MEMBERS".equals(e.audience()) && !"OPEN_TO_GUESTS".equals(e.audience())) {
            return Optional.empty();
        }
        Directory.Activity activity =
                new Directory.Activity(
                        e.eventId(),
                        e.titleFr(),
                        e.titleEn(),
                        e.place(),
                        e.onlineLink(),
                        e.startsAt(),
                        e.endsAt());
        return Optional.of(
                planned(
                        event,
                        Kind.EVENT_PUBLISHED,
                        activityArgs(activity, Map.of()),
                        "events/" + e.eventId(),
                        directory.memberPeople()));
    }

    private Planned aboutActivity(
            ReceivedEvent<?> event,
            Kind kind,
            String eventId,
            Map<String, Object> more,
            List<Person> recipients) {
        Directory.Activity activity =
                directory
                        .activity(eventId)
                        .orElse(
                                new Directory.Activity(
                                        eventId, null, null, null, null, null, null));
        return planned(event, kind, activityArgs(activity, more), "events/" + eventId, recipients);
    }

    /** An event's title (in the person's language), start and where it is held. */
    private static Map<String, Object> activityArgs(
            Directory.Activity activity, Map<String, Object> more) {
        Map<String, Object> args =
                args(
                        "title",
                        new Localized(activity.titleFr(), activity.titleEn()),
                        "startsAt",
                        activity.startsAt() == null
                                ? new Phrase("activity.date.none")
                                : activity.startsAt(),
                        "where",
                        where(activity.place(), activity.onlineLink()));
        args.putAll(more);
        return args;
    }

    private static Phrase where(String place, String onlineLink) {
        boolean inPlace = place != null && !place.isBlank();
        boolean online = onlineLink != null && !onlineLink.isBlank();
        if (inPlace && online) {
            return new Phrase("activity.where.both", place, onlineLink);
        }
        if (inPlace) {
            return new Phrase("activity.where.place", place);
        }
        return online
                ? new Phrase("activity.where.online", onlineLink)
                : new Phrase("activity.where.none");
    }

    private List<Person> person(String personId) {
        return personId == null ? List.of() : directory.person(personId).stream().toList();
    }

    private String organisation(String memberId) {
        return directory.organisationName(memberId).orElse("");
    }

    private Planned planned(
            ReceivedEvent<?> event,
            Kind kind,
            Map<String, Object> args,
            String path,
            List<Person> recipients) {
        Instant at = event.time() == null ? clock.instant() : event.time();
        return new Planned(new Notice(event.id(), at, kind, args, path), List.copyOf(recipients));
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
