package coop.cluster.membership.council.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The council adopted a proposal: it is now a resolution, identified by the proposal's id. Its
 * effect follows in its own event (fee schedule adopted, fee exemption granted, group created).
 * Topic {@code membership.council}, key: the proposal id.
 *
 * @param early whether the vote closed before its deadline because every seat had voted
 * @param groupId for a {@code GROUP_CREATION}: the id the thematic group is created under (its
 *     {@code group.created} on {@code membership.groups} follows, keyed by it); {@code null} for
 *     the other kinds. Added after v1 was first published: consumers that do not know it ignore it
 */
@IntegrationEvent(
        type = "cluster.membership.resolution.adopted",
        version = 1,
        topic = "membership.council")
public record ResolutionAdopted(
        String resolutionId,
        String kind,
        String title,
        Object terms,
        TallyView tally,
        boolean early,
        Instant adoptedAt,
        String groupId) {}
