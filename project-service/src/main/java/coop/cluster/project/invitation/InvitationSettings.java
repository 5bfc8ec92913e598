package coop.cluster.project.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cluster.invitations.*}.
 *
 * @param expiry how long an invitation waits for its answer
 * @param sweepInterval how often expired invitations are closed
 */
@ConfigurationProperties("cluster.invitations")
public record InvitationSettings(
        @DefaultValue("P14D") Duration expiry, @DefaultValue("PT30S") Duration sweepInterval) {}
