package coop.cluster.fundingwatch.call.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A funding call as the cluster keeps it: the call as its source last stated it, and the status it
 * has here. The two statuses differ when the call's last deadline has passed while the source still
 * says it is open (or forthcoming): here it is {@link CallStatus#CLOSED} ({@link
 * CloseReason#DEADLINE_PASSED}). Change detection compares what the source sends with what it sent
 * before ({@link #call()}), so a source that keeps sending a call it forgot to close changes
 * nothing; what is published is {@link #published()}.
 *
 * <p>Closing: a call is closed when its source says so ({@code source-closed}, closed at the time
 * this service learns it) or when its last deadline has passed ({@code deadline-passed}, closed at
 * that deadline). A call without deadlines never closes by time. A closed call whose source reopens
 * it, or whose deadline moves into the future, is open again.
 *
 * @param call the call as its source last stated it
 * @param status the status here: the source's, or CLOSED when the call is closed
 * @param firstSeen when this service first stored the call
 * @param lastChanged when this service last stored a change of it (the source's, or its closing)
 * @param closedAt when it closed; {@code null} unless {@code status} is CLOSED
 * @param closedReason why it closed; {@code null} unless {@code status} is CLOSED
 * @param reminders the deadline reminders sent or skipped already ({@link ReminderSchedule}); kept
 *     through every change, less those of cut-offs the call no longer has
 * @param version the store's optimistic-concurrency version; {@code null} before the first write
 */
public record TrackedCall(
        FundingCall call,
        CallStatus status,
        Instant firstSeen,
        Instant lastChanged,
        Instant closedAt,
        CloseReason closedReason,
        Reminders reminders,
        Long version) {

    public TrackedCall {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastChanged, "lastChanged");
        reminders = reminders == null ? Reminders.NONE : reminders;
        boolean closed = status == CallStatus.CLOSED;
        if (closed != (closedAt != null) || closed != (closedReason != null)) {
            throw new IllegalArgumentException(
                    "a call has a closing time and reason exactly when it is CLOSED");
        }
    }

    /** A call no reminder was dealt with for yet. */
    public TrackedCall(
            FundingCall call,
            CallStatus status,
            Instant firstSeen,
            Instant lastChanged,
            Instant closedAt,
            CloseReason closedReason,
            Long version) {
        this(call, status, firstSeen, lastChanged, closedAt, closedReason, Reminders.NONE, version);
    }

    /**
     * What storing a version of the call does.
     *
     * @param before the call as stored before; {@code null} for a call seen for the first time
     * @param after the call to store
     * @param diff what changed as published ({@link #published()} before and after); {@code null}
     *     for a new call. Empty when only the source's own status changed and the call's status
     *     here did not (a call already closed by its deadline that the source now closes too)
     * @param closed true when the call closes with this change (it was not closed before, or is new
     *     and closed)
     */
    public record Change(TrackedCall before, TrackedCall after, CallDiff diff, boolean closed) {

        public boolean isNew() {
            return before == null;
        }
    }

    /** The id other services know the call by. */
    public String id() {
        return call.id().toString();
    }

    public boolean isClosed() {
        return status == CallStatus.CLOSED;
    }

    /**
     * The call as it is published and shown: as its source states it, with the status it has here.
     */
    public FundingCall published() {
        return call.status() == status ? call : withStatus(call, status);
    }

    /** A call seen for the first time, at {@code now}. */
    public static Change first(FundingCall call, Instant now) {
        TrackedCall after = settle(call, null, now);
        return new Change(null, after, null, after.isClosed());
    }

    /**
     * The change that {@code incoming}, a new version of this call from its source, makes at {@code
     * now}; empty when the source sends exactly what it sent before: nothing is to be written then
     * (a call whose deadline passed meanwhile is closed by {@link #closeIfDue}, not here).
     *
     * @throws IllegalArgumentException when {@code incoming} is another call (source and reference)
     */
    public Optional<Change> apply(FundingCall incoming, Instant now) {
        if (CallDiff.between(call, incoming).isEmpty()) {
            return Optional.empty();
        }
        TrackedCall after = settle(incoming, this, now);
        return Optional.of(
                new Change(
                        this,
                        after,
                        CallDiff.between(published(), after.published()),
                        !isClosed() && after.isClosed()));
    }

    /**
     * This call closed because its last deadline is not after {@code now}; empty when it is not due
     * to close.
     */
    public Optional<TrackedCall> closeIfDue(Instant now) {
        if (isClosed() || !deadlinePassed(call, now)) {
            return Optional.empty();
        }
        return Optional.of(
                new TrackedCall(
                        call,
                        CallStatus.CLOSED,
                        firstSeen,
                        now,
                        call.deadlines().getLast(),
                        CloseReason.DEADLINE_PASSED,
                        reminders,
                        version));
    }

    /**
     * This call with {@code reminders} dealt with; nothing else changes (a reminder is no change of
     * the call, so {@code lastChanged} stays).
     */
    public TrackedCall withReminders(Reminders reminders) {
        return new TrackedCall(
                call, status, firstSeen, lastChanged, closedAt, closedReason, reminders, version);
    }

    /** The last cut-off of a call, if it has any. */
    public static Optional<Instant> lastDeadline(FundingCall call) {
        return call.deadlines().isEmpty()
                ? Optional.empty()
                : Optional.of(call.deadlines().getLast());
    }

    /**
     * {@code call} as stored at {@code now}, after {@code before} (or first seen when {@code
     * before} is null).
     */
    private static TrackedCall settle(FundingCall call, TrackedCall before, Instant now) {
        Instant firstSeen = before == null ? now : before.firstSeen();
        Long version = before == null ? null : before.version();
        Reminders reminders =
                before == null ? Reminders.NONE : before.reminders().forDeadlines(call.deadlines());
        boolean sourceClosed = call.status() == CallStatus.CLOSED;
        boolean deadlinePassed = deadlinePassed(call, now);
        if (!sourceClosed && !deadlinePassed) {
            return new TrackedCall(
                    call, call.status(), firstSeen, now, null, null, reminders, version);
        }
        if (before != null && before.isClosed()) {
            // closed already: it stays closed since then, for the reason it closed if that still
            // holds
            boolean reasonHolds =
                    before.closedReason() == CloseReason.SOURCE_CLOSED
                            ? sourceClosed
                            : deadlinePassed;
            CloseReason reason =
                    reasonHolds
                            ? before.closedReason()
                            : sourceClosed
                                    ? CloseReason.SOURCE_CLOSED
                                    : CloseReason.DEADLINE_PASSED;
            return new TrackedCall(
                    call,
                    CallStatus.CLOSED,
                    firstSeen,
                    now,
                    before.closedAt(),
                    reason,
                    reminders,
                    version);
        }
        return sourceClosed
                ? new TrackedCall(
                        call,
                        CallStatus.CLOSED,
                        firstSeen,
                        now,
                        now,
                        CloseReason.SOURCE_CLOSED,
                        reminders,
                        version)
                : new TrackedCall(
                        call,
                        CallStatus.CLOSED,
                        firstSeen,
                        now,
                        call.deadlines().getLast(),
                        CloseReason.DEADLINE_PASSED,
                        reminders,
                        version);
    }

    private static boolean deadlinePassed(FundingCall call, Instant now) {
        return lastDeadline(call).filter(last -> !last.isAfter(now)).isPresent();
    }

    private static FundingCall withStatus(FundingCall c, CallStatus status) {
        return new FundingCall(
                c.source(),
                c.reference(),
                c.identifier(),
                c.callIdentifier(),
                c.callTitle(),
                c.title(),
                c.programme(),
                c.description(),
                c.keywords(),
                c.tags(),
                c.kind(),
                status,
                c.openingDate(),
                c.deadlines(),
                c.budget(),
                c.eligibleCountries(),
                c.partnershipRequirement(),
                c.url(),
                c.projectName(),
                c.projectAcronym(),
                c.contractingAuthority(),
                c.placesOfDelivery());
    }
}
