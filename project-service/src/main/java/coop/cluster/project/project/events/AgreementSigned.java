package coop.cluster.project.project.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.util.Map;

/**
 * Every partner signed the current version of the agreement: the project is active. Carries the
 * whole content, for finance to open the project's budget with each partner's pledged contribution.
 * Topic {@code project.projects}, key: the project id.
 *
 * @param signatures each partner's signing time
 */
@IntegrationEvent(
        type = "cluster.project.agreement.signed",
        version = 1,
        topic = "project.projects")
public record AgreementSigned(
        String projectId,
        String projectTitle,
        String leaderId,
        AgreementContent agreement,
        Map<String, Instant> signatures,
        Instant signedAt) {}
