package coop.cluster.notification.email;

/**
 * One e-mail to one person for one event, as claimed by a worker.
 *
 * @param id derived from (event id, person, channel): the exactly-once key
 * @param messageId the mail's {@code Message-ID}, derived from {@code id}: the same on a resend
 * @param unsubscribe the one-click unsubscribe link of a non-essential kind, or null
 * @param claims how many times it has been claimed, this claim included
 */
public record Delivery(
        String id,
        String eventId,
        String personId,
        String kind,
        String to,
        String subject,
        String text,
        String html,
        String unsubscribe,
        String messageId,
        int claims) {}
