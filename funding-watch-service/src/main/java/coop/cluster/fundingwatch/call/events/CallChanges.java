package coop.cluster.fundingwatch.call.events;

import coop.cluster.fundingwatch.call.domain.CallDiff;
import java.time.Instant;
import java.util.List;

/**
 * What changed in a call, as "call updated" carries it.
 *
 * @param deadlineMoved {@code {from, to}} when exactly one cut-off was replaced by one other (then
 *     both lists below are empty); {@code null} otherwise
 * @param cutOffsAdded cut-offs the call has now and had not, ascending
 * @param cutOffsRemoved cut-offs it had and has no more, ascending
 * @param statusChanged {@code {from, to}} (FORTHCOMING, OPEN, CLOSED), or {@code null} when the
 *     status is the same
 * @param changedFields the other fields that changed, by name: {@code identifier}, {@code
 *     callIdentifier}, {@code callTitle}, {@code title}, {@code programme}, {@code description},
 *     {@code keywords}, {@code tags}, {@code kind}, {@code openingDate}, {@code budget}, {@code
 *     eligibleCountries}, {@code partnershipRequirement}, {@code url}
 */
public record CallChanges(
        Move deadlineMoved,
        List<Instant> cutOffsAdded,
        List<Instant> cutOffsRemoved,
        StatusChange statusChanged,
        List<String> changedFields) {

    public record Move(Instant from, Instant to) {}

    public record StatusChange(String from, String to) {}

    public static CallChanges of(CallDiff diff) {
        return new CallChanges(
                diff.deadlineMoved() == null
                        ? null
                        : new Move(diff.deadlineMoved().from(), diff.deadlineMoved().to()),
                diff.cutOffsAdded(),
                diff.cutOffsRemoved(),
                diff.statusChanged() == null
                        ? null
                        : new StatusChange(
                                diff.statusChanged().from().name(),
                                diff.statusChanged().to().name()),
                diff.changedFields());
    }
}
