package coop.cluster.auth.people.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * Every token of {@code personId} (or of any person of {@code memberId}) issued at or before {@code
 * revokedAt} is refused by the services from now on; the issuer already deleted the refresh tokens.
 * One of the two ids is set. Topic {@code identity.people}, key: the person id, or the member id.
 */
@IntegrationEvent(
        type = "cluster.identity.access.revoked",
        version = 1,
        topic = PersonInvited.TOPIC)
public record AccessRevoked(String personId, String memberId, Instant revokedAt, String reason) {}
