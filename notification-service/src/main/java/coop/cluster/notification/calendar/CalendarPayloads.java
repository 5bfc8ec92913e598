package coop.cluster.notification.calendar;

import java.time.Instant;
import java.util.List;

/**
 * The calendar's own copies of the payloads it reads that {@code events.Payloads} does not hold:
 * only the fields it needs (docs/events.md, "fundingwatch.calls: the contract";
 * docs/services/project-service.md; finance-service.md). Unknown fields are ignored.
 */
final class CalendarPayloads {

    /**
     * A call as {@code call.published} and {@code call.updated} give it: every cut-off, ascending.
     */
    record CallState(
            String title, String programme, String status, List<Instant> deadlines, String url) {}

    /** {@code call.published.v1} and {@code call.updated.v1} (the whole call after the change). */
    record CallChanged(String callId, CallState call) {}

    /** {@code call.closed.v1}: {@code reason} {@code deadline-passed} or {@code source-closed}. */
    record CallClosed(String callId, Instant closedAt, String reason) {}

    /**
     * {@code invitation.accepted / declined / expired / withdrawn.v1}: the invitation is no longer
     * open.
     */
    record InvitationEnded(String invitationId, String projectId, String memberId) {}

    /** {@code fee.paid.v1}: nothing is due any more. */
    record FeePaid(String invoiceId, String memberId) {}

    /**
     * {@code registration.cancelled.v1}: {@code status} what the registration was ({@code
     * CONFIRMED} or {@code WAITLISTED}).
     */
    record RegistrationCancelled(
            String eventId, String registrationId, String personId, String status) {}

    private CalendarPayloads() {}
}
