package coop.cluster.fundingwatch.call;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.ReminderKey;
import coop.cluster.fundingwatch.call.domain.ReminderSchedule;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.call.events.CallContent;
import coop.cluster.fundingwatch.call.events.DeadlineApproaching;
import coop.cluster.fundingwatch.call.persistence.CallStore;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Deadline reminders: "deadline approaching" once per call, cut-off and offset ({@link
 * ReminderSchedule} decides which, and has the rule for calls seen late). The reminders sent or
 * skipped are recorded in the call's own document, in the same write as the events and conditional
 * on the version read, so a reminder goes out once whatever the restarts, and with two instances
 * sweeping at once one write wins and the other changes nothing. The sweep reads only the calls
 * whose {@code nextReminderAt} has come.
 */
@Service
public class DeadlineReminders {

    /** How many due calls the sweep reads at a time. */
    static final int SWEEP_PAGE = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadlineReminders.class);

    private final CallStore calls;
    private final ReminderSchedule schedule;
    private final EventFactory events;
    private final Clock clock;
    private final MeterRegistry meters;

    /**
     * Whether the calls written before reminders existed have been put on the schedule (once per
     * start).
     */
    private final AtomicBoolean scheduledOldCalls = new AtomicBoolean();

    DeadlineReminders(
            CallStore calls,
            ReminderSchedule schedule,
            EventFactory events,
            Clock clock,
            MeterRegistry meters) {
        this.calls = calls;
        this.schedule = schedule;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Sends the reminders due now. A call changed meanwhile (by its feed, the closing sweep or
     * another instance) is left to the next sweep, which reads it again.
     *
     * @return how many reminders this sweep published
     */
    @Scheduled(
            fixedDelayString = "${cluster.calls.reminder-sweep-interval:PT1M}",
            initialDelayString =
                    "${cluster.calls.reminder-sweep-initial-delay:"
                            + "${cluster.calls.sweep-initial-delay:PT10S}}")
    public int sendDue() {
        if (!scheduledOldCalls.get()) {
            scheduleOldCalls();
            scheduledOldCalls.set(true);
        }
        Instant now = clock.instant();
        int sent = 0;
        while (true) {
            List<TrackedCall> due = calls.dueForReminders(now, SWEEP_PAGE);
            int written = 0;
            for (TrackedCall call : due) {
                ReminderSchedule.Decision decision = schedule.decide(call, now);
                List<PendingEvent> reminders =
                        decision.send().stream()
                                .map(key -> reminder(decision.after(), key, now))
                                .toList();
                try {
                    // written even with nothing to send: the write moves nextReminderAt on
                    calls.update(decision.after(), reminders);
                } catch (OptimisticLockingFailureException changedMeanwhile) {
                    log.debug(
                            "Call {} changed while reminding of it; the next sweep looks again",
                            call.id());
                    continue;
                }
                written++;
                sent += reminders.size();
                count("sent", decision.send().size());
                count("skipped", decision.skipped().size());
                decision.send()
                        .forEach(
                                key ->
                                        log.info(
                                                "Call {}: deadline {} approaching, reminder {}"
                                                        + " sent",
                                                call.id(),
                                                key.deadline(),
                                                ReminderKey.iso(key.offset())));
                if (!decision.skipped().isEmpty()) {
                    log.info(
                            "Call {}: reminders {} skipped, a more imminent one was due",
                            call.id(),
                            decision.skipped());
                }
            }
            if (due.size() < SWEEP_PAGE || written == 0) {
                return sent;
            }
        }
    }

    /**
     * Writes once each open call stored before reminders existed, so that its {@code
     * nextReminderAt} is set.
     */
    private void scheduleOldCalls() {
        while (true) {
            List<TrackedCall> old = calls.withoutReminderState(SWEEP_PAGE);
            int written = 0;
            for (TrackedCall call : old) {
                try {
                    calls.update(call, List.of());
                    written++;
                } catch (OptimisticLockingFailureException changedMeanwhile) {
                    log.debug(
                            "Call {} changed while scheduling its reminders; its writer scheduled"
                                    + " them",
                            call.id());
                }
            }
            if (written > 0) {
                log.info(
                        "Deadline reminders scheduled for {} calls stored before reminders existed",
                        written);
            }
            if (old.size() < SWEEP_PAGE || written == 0) {
                return;
            }
        }
    }

    /**
     * "Deadline approaching" for {@code key}, keyed and subjected by the call id. Its event id
     * derives from the call and the reminder, so should the same reminder ever be published twice,
     * consumers see one event.
     */
    private PendingEvent reminder(TrackedCall call, ReminderKey key, Instant now) {
        FundingCall published = call.published();
        Duration remaining = Duration.between(now, key.deadline());
        PendingEvent e =
                events.create(
                        "calls",
                        call.id(),
                        new DeadlineApproaching(
                                call.id(),
                                published.title(),
                                published.programme(),
                                published.url(),
                                key.deadline(),
                                ReminderKey.iso(key.offset()),
                                remaining.toSeconds(),
                                remaining.toDays(),
                                published.kind().name(),
                                CallContent.Budget.of(published.budget())));
        String id =
                UUID.nameUUIDFromBytes(
                                ("deadline-approaching|" + call.id() + "|" + key)
                                        .getBytes(StandardCharsets.UTF_8))
                        .toString();
        return new PendingEvent(
                id,
                e.type(),
                e.topic(),
                e.key(),
                call.id(),
                e.time(),
                e.payload(),
                e.correlationId(),
                e.traceparent());
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            meters.counter("cluster.fundingwatch.reminders", "outcome", outcome).increment(n);
        }
    }
}
