package coop.cluster.notification.email;

import coop.cluster.notification.bounce.Bounces;
import coop.cluster.notification.notify.Channel;
import coop.cluster.notification.notify.NotificationMetrics;
import coop.cluster.plumbing.resilience.ThrottledLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends the pending deliveries on {@code senders} threads, each claiming its own: woken by the
 * consumer that made them, and every {@code sweep-interval} for those nobody woke it for (another
 * instance's, a crashed claim's, a failed one's that has rested). Each delivery is claimed (the
 * lease), sent with retries, then marked sent. A claim whose attempts all failed gives the delivery
 * back to rest ({@code claim-backoff}, doubling); after the last claim it is dead-lettered with the
 * reason and marked failed.
 */
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Deliveries deliveries;
    private final Mailer mailer;
    private final DeadLetters deadLetters;
    private final NotificationMetrics metrics;
    private final EmailSettings settings;
    private final Clock clock;
    private final Bounces bounces;
    private final String owner = "worker-" + UUID.randomUUID();

    /** Senders draining now (at most {@code settings.senders()}). */
    private final AtomicInteger active = new AtomicInteger();

    /** Counts wakes, so that a sender that found nothing knows whether it was woken meanwhile. */
    private final AtomicLong wakes = new AtomicLong();

    private final ThrottledLog outageLog = new ThrottledLog(Duration.ofSeconds(30));
    private volatile ExecutorService executor;

    public DeliveryWorker(
            Deliveries deliveries,
            Mailer mailer,
            DeadLetters deadLetters,
            Bounces bounces,
            NotificationMetrics metrics,
            EmailSettings settings,
            Clock clock) {
        this.deliveries = deliveries;
        this.mailer = mailer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.bounces = bounces;
    }

    /**
     * Asks for passes soon (nothing without a mail server): as many senders as configured drain the
     * pending deliveries; a wake that comes while they all run makes the last one to finish look
     * again.
     */
    public void wake() {
        wakes.incrementAndGet();
        startSenders();
    }

    /**
     * Starts senders up to {@code senders}, without counting a wake: a sender that looks again
     * because it was woken while it ran must not count as a wake itself, or the senders of an
     * instance would keep waking each other (each finding the queue empty) for as long as their
     * passes overlap.
     */
    private void startSenders() {
        ExecutorService running = executor;
        if (running == null) {
            return;
        }
        int now;
        while ((now = active.get()) < settings.senders()) {
            if (active.compareAndSet(now, now + 1)) {
                try {
                    running.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    active.decrementAndGet();
                    return;
                }
            }
        }
    }

    @Scheduled(fixedDelayString = "${cluster.notifications.email.sweep-interval:5s}")
    void sweep() {
        wake();
    }

    void drain() {
        long seen = wakes.get();
        try {
            List<Delivery> batch;
            boolean more = true;
            while (more
                    && executor != null
                    && !(batch = deliveries.claim(owner, settings.batch())).isEmpty()) {
                // a batch smaller than asked: nothing else was due (or another sender took it);
                // what is queued after
                // this claim wakes the senders, so this pass need not ask the store once more to
                // hear "nothing"
                more = batch.size() >= settings.batch();
                deliverAll(batch);
            }
        } catch (RuntimeException storeOrBroker) {
            long leftOut = outageLog.admit();
            if (leftOut >= 0) {
                log.warn(
                        "Deliveries paused, retried at the next sweep ({} such lines left out): {}",
                        leftOut,
                        storeOrBroker.toString());
            }
            active.decrementAndGet();
            return;
        }
        active.decrementAndGet();
        if (wakes.get() != seen) {
            // woken while this pass ran: what made the wake may have come after its last claim
            startSenders();
        }
    }

    /**
     * Sends a batch over one SMTP connection and marks those sent together; one that fails there
     * goes the single way ({@link #deliver}: retries, rest, dead letter).
     */
    private void deliverAll(List<Delivery> batch) {
        List<Delivery> sendable = new ArrayList<>();
        for (Delivery delivery : batch) {
            if (delivery.claims() > settings.maxClaims()) {
                giveUp(delivery, "given up after " + (delivery.claims() - 1) + " claims");
            } else {
                sendable.add(delivery);
            }
        }
        Map<Delivery, MailException> failed =
                sendable.size() == 1 ? Map.of() : mailer.sendAll(sendable);
        if (sendable.size() == 1) {
            deliver(sendable.getFirst());
            return;
        }
        List<Delivery> sent =
                sendable.stream().filter(delivery -> !failed.containsKey(delivery)).toList();
        Set<String> held = deliveries.markSent(sent, owner);
        for (Delivery delivery : sent) {
            sentOrLost(delivery, held.contains(delivery.id()));
        }
        failed.forEach(
                (delivery, why) -> {
                    log.debug(
                            "The batch's send of {} failed, sending it alone: {}",
                            delivery.id(),
                            why.toString());
                    deliver(delivery);
                });
    }

    private void sentOrLost(Delivery delivery, boolean held) {
        if (held) {
            metrics.sent(delivery.kind(), Channel.EMAIL);
            log.info(
                    "Sent {} mail {} (event {})",
                    delivery.kind(),
                    delivery.messageId(),
                    delivery.eventId());
        } else {
            log.warn(
                    "Sent {} but its lease had passed to another instance: the mail may go out"
                            + " twice, with the same Message-ID",
                    delivery.messageId());
        }
    }

    private void deliver(Delivery delivery) {
        if (delivery.claims() > settings.maxClaims()) {
            giveUp(delivery, "given up after " + (delivery.claims() - 1) + " claims");
            return;
        }
        try {
            mailer.send(delivery);
        } catch (MailException e) {
            if (bounces.recordSendFailure(delivery.to(), e)) {
                // the server refused the recipient for good: a permanent refusal does not heal, and
                // it is the
                // address's fault, not an outage, so neither retried nor dead-lettered
                String reason =
                        "SMTP: the recipient was refused for good (hard bounce): " + e.getMessage();
                if (deliveries.markFailed(delivery, owner, reason)) {
                    metrics.failed(delivery.kind(), Channel.EMAIL);
                }
                log.warn(
                        "Gave up the {} mail {} (event {}): {}",
                        delivery.kind(),
                        delivery.id(),
                        delivery.eventId(),
                        reason);
                return;
            }
            String reason = "SMTP: " + e.getMessage();
            if (delivery.claims() >= settings.maxClaims()
                    || e instanceof MailPreparationException) {
                giveUp(delivery, reason);
            } else {
                Duration rest =
                        settings.claimBackoff()
                                .multipliedBy(1L << Math.min(delivery.claims() - 1, 10));
                deliveries.release(delivery, owner, clock.instant().plus(rest), reason);
                log.warn(
                        "Could not send the {} mail {} (claim {} of {}), trying again in {}: {}",
                        delivery.kind(),
                        delivery.id(),
                        delivery.claims(),
                        settings.maxClaims(),
                        rest,
                        reason);
            }
            return;
        }
        sentOrLost(delivery, deliveries.markSent(delivery, owner));
    }

    private void giveUp(Delivery delivery, String reason) {
        deadLetters.publish(delivery, reason);
        if (deliveries.markFailed(delivery, owner, reason)) {
            metrics.failed(delivery.kind(), Channel.EMAIL);
        }
        log.error(
                "Gave up the {} mail {} (event {}): {}; dead-lettered to {}",
                delivery.kind(),
                delivery.id(),
                delivery.eventId(),
                reason,
                DeadLetters.TOPIC);
    }

    @Override
    public void start() {
        if (mailer == null) {
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        executor =
                Executors.newFixedThreadPool(
                        settings.senders(),
                        runnable -> {
                            Thread thread =
                                    new Thread(
                                            runnable,
                                            "email-deliveries-" + threads.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        try {
            int queued = deliveries.requeuePending();
            if (queued > 0) {
                log.info("Queued {} pending deliveries that had no queue entry", queued);
            }
        } catch (RuntimeException storeOut) {
            log.warn(
                    "Could not look for pending deliveries without a queue entry (looked again at"
                            + " the next start): {}",
                    storeOut.toString());
        }
        wake();
    }

    @Override
    public void stop() {
        ExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
