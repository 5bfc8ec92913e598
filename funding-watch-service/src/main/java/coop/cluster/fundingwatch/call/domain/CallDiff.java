package coop.cluster.fundingwatch.call.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed between two versions of one funding call. Deadlines and status have their own
 * entries; every other field that changed is named in {@link #changedFields()}, in the order of
 * {@link FundingCall}'s components.
 *
 * @param deadlineMoved when exactly one cut-off was replaced by exactly one other: from the old to
 *     the new; then {@code cutOffsAdded} and {@code cutOffsRemoved} are empty. {@code null}
 *     otherwise
 * @param cutOffsAdded cut-offs the new version has and the old had not, ascending
 * @param cutOffsRemoved cut-offs the old version had and the new has not, ascending
 * @param statusChanged the status before and after, or {@code null} when unchanged
 * @param changedFields names of the other components that changed, e.g. {@code title}, {@code
 *     budget}
 */
public record CallDiff(
        DeadlineMove deadlineMoved,
        List<Instant> cutOffsAdded,
        List<Instant> cutOffsRemoved,
        StatusChange statusChanged,
        List<String> changedFields) {

    /** One cut-off replaced by another. */
    public record DeadlineMove(Instant from, Instant to) {

        public DeadlineMove {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** The status before and after. */
    public record StatusChange(CallStatus from, CallStatus to) {

        public StatusChange {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    private static final List<Field> FIELDS =
            List.of(
                    new Field("identifier", FundingCall::identifier),
                    new Field("callIdentifier", FundingCall::callIdentifier),
                    new Field("callTitle", FundingCall::callTitle),
                    new Field("title", FundingCall::title),
                    new Field("programme", FundingCall::programme),
                    new Field("description", FundingCall::description),
                    new Field("keywords", FundingCall::keywords),
                    new Field("tags", FundingCall::tags),
                    new Field("kind", FundingCall::kind),
                    new Field("openingDate", FundingCall::openingDate),
                    new Field("budget", FundingCall::budget),
                    new Field("eligibleCountries", FundingCall::eligibleCountries),
                    new Field("partnershipRequirement", FundingCall::partnershipRequirement),
                    new Field("url", FundingCall::url),
                    new Field("projectName", FundingCall::projectName),
                    new Field("projectAcronym", FundingCall::projectAcronym),
                    new Field("contractingAuthority", FundingCall::contractingAuthority),
                    new Field("placesOfDelivery", FundingCall::placesOfDelivery));

    private record Field(String name, Function<FundingCall, Object> value) {}

    public CallDiff {
        cutOffsAdded = List.copyOf(cutOffsAdded);
        cutOffsRemoved = List.copyOf(cutOffsRemoved);
        changedFields = List.copyOf(changedFields);
        if (deadlineMoved != null && !(cutOffsAdded.isEmpty() && cutOffsRemoved.isEmpty())) {
            throw new IllegalArgumentException("a moved deadline is the only deadline change");
        }
    }

    /**
     * The changes from {@code before} to {@code after}, two versions of the same call.
     *
     * @throws IllegalArgumentException when they are not the same call (source and reference)
     */
    public static CallDiff between(FundingCall before, FundingCall after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (!before.source().equals(after.source())
                || !before.reference().equals(after.reference())) {
            throw new IllegalArgumentException(
                    "not the same call: "
                            + before.source()
                            + "/"
                            + before.reference()
                            + " and "
                            + after.source()
                            + "/"
                            + after.reference());
        }
        List<Instant> added =
                after.deadlines().stream().filter(d -> !before.deadlines().contains(d)).toList();
        List<Instant> removed =
                before.deadlines().stream().filter(d -> !after.deadlines().contains(d)).toList();
        DeadlineMove moved = null;
        if (added.size() == 1 && removed.size() == 1) {
            moved = new DeadlineMove(removed.getFirst(), added.getFirst());
            added = List.of();
            removed = List.of();
        }
        StatusChange status =
                before.status() == after.status()
                        ? null
                        : new StatusChange(before.status(), after.status());
        List<String> changed = new ArrayList<>();
        for (Field field : FIELDS) {
            if (!Objects.equals(field.value().apply(before), field.value().apply(after))) {
                changed.add(field.name());
            }
        }
        return new CallDiff(moved, added, removed, status, changed);
    }

    /** True when nothing changed. */
    public boolean isEmpty() {
        return deadlineMoved == null
                && cutOffsAdded.isEmpty()
                && cutOffsRemoved.isEmpty()
                && statusChanged == null
                && changedFields.isEmpty();
    }

    /** True when a cut-off moved, appeared or disappeared. */
    public boolean deadlinesChanged() {
        return deadlineMoved != null || !cutOffsAdded.isEmpty() || !cutOffsRemoved.isEmpty();
    }
}
