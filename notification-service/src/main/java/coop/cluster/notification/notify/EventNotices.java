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
