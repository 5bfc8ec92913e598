package coop.cluster.auth.people.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the audit trail: an identity event as it was published, keyed by its id.
 *
 * @param type the event's CloudEvents type, e.g. {@code cluster.identity.person.invited.v1}
 * @param personId the person it concerns, if any
 * @param memberId the organisation it concerns, if any
 * @param by who did it, if the event says
 * @param data the event's payload as published
 */
public record AuditEntry(
        String eventId,
        String type,
        Instant time,
        String personId,
        String memberId,
        String by,
        Map<String, Object> data) {}
