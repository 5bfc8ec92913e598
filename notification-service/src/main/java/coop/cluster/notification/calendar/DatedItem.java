package coop.cluster.notification.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Objects;

/**
 * One dated thing of a person's calendar: one VEVENT.
 *
 * @param uid stable across changes of the thing (a moved cut-off keeps it)
 * @param kind what it is
 * @param ref the id of the thing (the call, proposal, invitation, invoice or exchange event)
 * @param start an {@link Instant} (cut-offs, vote deadlines, invitation expiries) or a {@link
 *     LocalDate} (an invoice's due date: an all-day event)
 * @param title the call's, proposal's or project's title; for an invoice its fee year
 * @param context the programme of a call, the amount and currency of an invoice; may be null
 * @param cancelled the call closed, the vote closed, the invitation ended, the invoice was paid
 * @param sequence how many times the thing changed (iCalendar {@code SEQUENCE})
 * @param updatedAt when this service last changed it ({@code DTSTAMP} and {@code LAST-MODIFIED})
 * @param end an exchange event's end ({@code DTEND}); null for the others (deadlines)
 * @param location an exchange event's place or online link ({@code LOCATION}); may be null
 * @param titleEn an exchange event's English title ({@code title} is the French one); may be null
 */
public record DatedItem(
        String uid,
        Kind kind,
        String ref,
        Temporal start,
        String title,
        String context,
        boolean cancelled,
        int sequence,
        Instant updatedAt,
        Instant end,
        String location,
        String titleEn) {

    /** A deadline (no end, no location, one title). */
    public DatedItem(
            String uid,
            Kind kind,
            String ref,
            Temporal start,
            String title,
            String context,
            boolean cancelled,
            int sequence,
            Instant updatedAt) {
        this(
                uid, kind, ref, start, title, context, cancelled, sequence, updatedAt, null, null,
                null);
    }

    public DatedItem {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        if (!(start instanceof Instant) && !(start instanceof LocalDate)) {
            throw new IllegalArgumentException("start is an Instant or a LocalDate: " + start);
        }
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The kinds of dated things, each with the console page it links to. */
    public enum Kind {
        CALL_CUT_OFF("call", "/calls/%s"),
        VOTE_DEADLINE("vote", "/council/proposals/%s"),
        INVITATION_EXPIRY("invitation", "/home/invitations"),
        INVOICE_DUE("invoice", "/invoices"),
        /** An exchange event the person holds a place at (activity.events). */
        EVENT("event", "/events/%s");

        private final String code;
        private final String page;

        Kind(String code, String page) {
            this.code = code;
            this.page = page;
        }

        public String code() {
            return code;
        }

        /** The console page of the thing {@code ref}, relative to the console's address. */
        public String page(String ref) {
            return page.formatted(ref);
        }
    }
}
