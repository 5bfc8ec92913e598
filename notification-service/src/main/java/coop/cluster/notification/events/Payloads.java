package coop.cluster.notification.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * notification-service's own copies of the payloads it reads: only the fields it needs. Unknown
 * fields are ignored, so publishers can add fields without breaking this service (docs/events.md).
 */
public final class Payloads {

    public static final String IDENTITY = "identity.people";
    public static final String MEMBERS = "membership.members";
    public static final String COUNCIL = "membership.council";
    public static final String PROJECTS = "project.projects";
    public static final String INVITATIONS = "project.invitations";
    public static final String FEES = "finance.fees";
    public static final String REPORTS = "finance.reports";
    public static final String CALLS = "fundingwatch.calls";
    public static final String OPPORTUNITIES = "fundingwatch.opportunities";
    public static final String ACTIVITIES = "activity.events";

    // --- identity.people (auth-server)

    public record PersonRegistered(
            String personId, String email, String displayName, String language) {}

    public record JoinedOrganisation(
            String personId,
            String memberId,
            List<String> roles,
            String email,
            String displayName,
            String language) {}

    public record RolesChanged(
            String personId, String memberId, List<String> roles, List<String> staffRoles) {}

    public record LeftOrganisation(String personId, String memberId, String reason) {}

    // --- membership.members

    public record Profile(String legalName) {}

    public record MemberApplied(
            String memberId, String legalName, Profile profile, String appliedBy) {}

    public record MemberAdmitted(String memberId, Profile profile, Instant admittedAt) {}

    public record MemberProfileChanged(String memberId, String status, Profile profile) {}

    public record MemberStatusChanged(String memberId) {}

    public record DelegateAppointed(String memberId, String subject, String name) {}

    public record DelegateRemoved(String memberId, String subject) {}

    // --- membership.council

    public record ProposalTabled(String proposalId, String kind, String title, Instant deadline) {}

    public record Tally(int forVotes, int against, int abstain, int electorate) {}

    public record ResolutionAdopted(String resolutionId, String kind, String title, Tally tally) {}

    public record ResolutionRejected(
            String proposalId, String kind, String title, Tally tally, String reason) {}

    // --- project.projects and project.invitations

    public record ProjectState(String title, List<String> partners, String proposedLeader) {}

    public record ProjectCreated(String projectId, String leaderId, ProjectState project) {}

    public record ProjectUpdated(String projectId, String leaderId, ProjectState project) {}

    public record PartnerChanged(String projectId, String memberId) {}

    public record Contribution(String memberId) {}

    public record Agreement(int version, List<Contribution> contributions) {}

    public record AgreementProposed(String projectId, Agreement agreement, Instant proposedAt) {}

    public record PartnerInvited(
            String invitationId,
            String projectId,
            String projectTitle,
            String memberId,
            String role,
            Instant expiresAt) {}

    // --- finance.fees and finance.reports

    public record FeeInvoiced(
            String invoiceId,
            String memberId,
            int feeYear,
            String currency,
            String amount,
            String status,
            LocalDate dueDate) {}

    public record FeeOverdue(
            String invoiceId,
            String memberId,
            int feeYear,
            String amountDue,
            String currency,
            LocalDate dueDate,
            long daysOverdue) {}

    public record ReportPublished(String periodId, LocalDate from, LocalDate to, int revision) {}

    // --- fundingwatch.calls and fundingwatch.opportunities

    public record DeadlineApproaching(
            String callId,
            String title,
            String programme,
            String url,
            Instant deadline,
            long daysLeft) {}

    public record Target(String kind, String id, String name) {}

    /**
     * The call as {@code opportunity.matched} tells it: {@code deadlines} every cut-off, ascending.
     */
    public record MatchedCall(String title, String programme, List<Instant> deadlines) {}

    public record OpportunityMatched(
            String opportunityId,
            String callId,
            MatchedCall call,
            Target target,
            List<String> memberIds) {}

    // --- activity.events (activity-service; key: the exchange event's id)

    /** An exchange event open for registration; its title in French and English. */
    public record EventPublished(
            String eventId,
            String kind,
            String titleFr,
            String titleEn,
            String place,
            String onlineLink,
            Instant startsAt,
            Instant endsAt,
            String audience,
            String groupId) {}

    /** An event cancelled, with the people registered (confirmed, then waiting). */
    public record EventCancelled(
            String eventId, String reason, List<String> registeredPeople, Instant cancelledAt) {}

    public record RegistrationConfirmed(
            String eventId, String registrationId, String personId, String memberId) {}

    public record RegistrationWaitlisted(
            String eventId,
            String registrationId,
            String personId,
            String memberId,
            int position) {}

    public record RegistrationPromoted(
            String eventId, String registrationId, String personId, String memberId) {}

    public record RegistrationCancelled(
            String eventId, String registrationId, String personId, String status) {}

    private Payloads() {}
}
