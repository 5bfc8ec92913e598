package coop.cluster.auth.people.web;

import coop.cluster.auth.people.domain.AuditEntry;
import coop.cluster.auth.people.domain.Invitation;
import coop.cluster.auth.people.domain.Person;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the identity API answers: never a password hash, a link secret or a store document. */
final class Views {

    private Views() {}

    record PersonView(
            String id,
            String email,
            String displayName,
            String language,
            String memberId,
            List<String> roles,
            List<String> staffRoles,
            String status) {

        static PersonView of(Person p) {
            return new PersonView(
                    p.id(),
                    p.email().value(),
                    p.displayName(),
                    p.language().code(),
                    p.memberId(),
                    Person.claimValues(p.roles()),
                    Person.claimValues(p.staffRoles()),
                    p.status().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * @param sent whether the last link reached the mail server; if not, {@code POST .../resend}
     *     sends it again
     */
    record InvitationView(
            String id,
            String email,
            String displayName,
            String language,
            String memberId,
            List<String> roles,
            List<String> staffRoles,
            String invitedBy,
            Instant createdAt,
            Instant expiresAt,
            String status,
            boolean sent,
            String acceptedBy) {

        static InvitationView of(Invitation i) {
            return new InvitationView(
                    i.id(),
                    i.email().value(),
                    i.displayName(),
                    i.language().code(),
                    i.memberId(),
                    Person.claimValues(i.roles()),
                    Person.claimValues(i.staffRoles()),
                    i.invitedBy(),
                    i.createdAt(),
                    i.expiresAt(),
                    i.status().name().toLowerCase(java.util.Locale.ROOT),
                    i.sentAt() != null,
                    i.acceptedBy());
        }
    }

    record AuditEntryView(
            String eventId,
            String type,
            Instant time,
            String personId,
            String memberId,
            String by,
            Map<String, Object> data) {

        static AuditEntryView of(AuditEntry e) {
            return new AuditEntryView(
                    e.eventId(), e.type(), e.time(), e.personId(), e.memberId(), e.by(), e.data());
        }
    }

    /** The answer of the anonymous requests, the same whether the address is known or not. */
    record Accepted(String status) {

        static final Accepted INSTANCE = new Accepted("accepted");
    }
}
