package coop.cluster.fundingwatch.call.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One entry of a call's history: a change of what the call shows (as {@link CallDiff} finds it
 * between the published versions before and after), field by field with the values before and
 * after. A call seen for the first time has no entry; a write that changes nothing shown
 * (reminders, a source closing a call closed here already) has none.
 *
 * <p>Values are JSON-like: a text, a list of texts (keywords, tags, eligibleCountries,
 * placesOfDelivery), an instant as ISO-8601 text (deadline, openingDate), {@code {amount,
 * currency}} for the budget (the amount a decimal text), or {@code null} (absent). Texts longer
 * than {@value #MAX_TEXT} characters are cut with {@code …}; the description's values are not kept
 * at all (only that it changed), so the history stays small.
 *
 * @param revision the call's version this change wrote (its stored version after the write): unique
 *     per call, ascending
 * @param at when this service stored the change
 * @param feedId the feed that sent the new version, or {@code null} (the deadline sweep closing it)
 * @param batchId the feed batch it came in, or {@code null}
 * @param closedReason when the call closed with this change: {@code deadline-passed} or {@code
 *     source-closed}; else {@code null}
 * @param fields what changed: cut-offs first ({@code deadline}: one moved, before and after; added,
 *     before null; removed, after null), then {@code status}, then the other fields in {@link
 *     CallDiff}'s order
 */
public record CallChange(
        long revision,
        Instant at,
        String feedId,
        String batchId,
        String closedReason,
        List<FieldChange> fields) {

    /** How many changes a call keeps: the newest ones. */
    public static final int KEPT = 50;

    /** The longest text value kept, in characters. */
    public static final int MAX_TEXT = 500;

    /**
     * One field's change. {@code field} names it as the API does; values as described on {@link
     * CallChange}.
     */
    public record FieldChange(String field, Object before, Object after) {

        public FieldChange {
            Objects.requireNonNull(field, "field");
        }
    }

    /** Where a new version came from: a feed's batch. */
    public record Origin(String feedId, String batchId) {

        public static final Origin NONE = new Origin(null, null);
    }

    public CallChange {
        Objects.requireNonNull(at, "at");
        fields = List.copyOf(fields);
    }

    private static final Map<String, Function<FundingCall, Object>> VALUES = values();

    private static Map<String, Function<FundingCall, Object>> values() {
        Map<String, Function<FundingCall, Object>> values = new LinkedHashMap<>();
        values.put("identifier", FundingCall::identifier);
        values.put("callIdentifier", FundingCall::callIdentifier);
        values.put("callTitle", FundingCall::callTitle);
        values.put("title", FundingCall::title);
        values.put("programme", FundingCall::programme);
        values.put("description", c -> null);
        values.put("keywords", FundingCall::keywords);
        values.put("tags", FundingCall::tags);
        values.put("kind", c -> c.kind().name());
        values.put("openingDate", FundingCall::openingDate);
        values.put("budget", FundingCall::budget);
        values.put("eligibleCountries", FundingCall::eligibleCountries);
        values.put("partnershipRequirement", FundingCall::partnershipRequirement);
        values.put("url", FundingCall::url);
        values.put("projectName", FundingCall::projectName);
        values.put("projectAcronym", FundingCall::projectAcronym);
        values.put("contractingAuthority", FundingCall::contractingAuthority);
        values.put("placesOfDelivery", FundingCall::placesOfDelivery);
        return Map.copyOf(values);
    }

    /**
     * The entry for the change from {@code before} to {@code after} (two stored states of one
     * call), found as {@code diff}, written as revision {@code revision} at {@code at}; empty
     * fields when {@code diff} is empty.
     */
    public static CallChange of(
            TrackedCall before,
            TrackedCall after,
            CallDiff diff,
            long revision,
            Instant at,
            Origin origin) {
        FundingCall from = before.published();
        FundingCall to = after.published();
        List<FieldChange> fields = new ArrayList<>();
        if (diff.deadlineMoved() != null) {
            fields.add(
                    new FieldChange(
                            "deadline",
                            text(diff.deadlineMoved().from()),
                            text(diff.deadlineMoved().to())));
        }
        diff.cutOffsRemoved().forEach(d -> fields.add(new FieldChange("deadline", text(d), null)));
        diff.cutOffsAdded().forEach(d -> fields.add(new FieldChange("deadline", null, text(d))));
        if (diff.statusChanged() != null) {
            fields.add(
                    new FieldChange(
                            "status",
                            diff.statusChanged().from().name(),
                            diff.statusChanged().to().name()));
        }
        for (String name : diff.changedFields()) {
            Function<FundingCall, Object> value = VALUES.get(name);
            fields.add(
                    value == null
                            ? new FieldChange(name, null, null)
                            : new FieldChange(
                                    name, json(value.apply(from)), json(value.apply(to))));
        }
        boolean closed = !before.isClosed() && after.isClosed();
        Origin o = origin == null ? Origin.NONE : origin;
        return new CallChange(
                revision,
                at,
                o.feedId(),
                o.batchId(),
                closed ? after.closedReason().code() : null,
                fields);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** A value as the history keeps it. */
    private static Object json(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant.toString();
            case Money money -> {
                Map<String, String> budget = new LinkedHashMap<>();
                budget.put("amount", money.amount().toPlainString());
                budget.put("currency", money.currency());
                yield budget;
            }
            case List<?> list -> list.stream().map(item -> cut(String.valueOf(item))).toList();
            case String text -> cut(text);
            default -> cut(value.toString());
        };
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
