package coop.cluster.fundingwatch.call.adapter;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.HtmlText;
import coop.cluster.fundingwatch.call.domain.Money;
import coop.cluster.fundingwatch.call.domain.Normalised;
import coop.cluster.fundingwatch.call.domain.Rejection.Reason;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The generic funding-call format, for any regional or national agency that has no format of its
 * own. The full description, with an example, is {@code GENERIC-FORMAT.md} next to this class.
 *
 * <p>A batch is {@code {"calls": [ ... ]}}, a bare array {@code [ ... ]}, or one call object on its
 * own. Each call is an object with these fields (names as in {@link FundingCall}; only {@code
 * reference} and {@code title} are required, {@code null} is the same as absent):
 *
 * <table>
 *   <caption>Fields of a call</caption>
 *   <tr><th>Field</th><th>JSON type</th><th>Meaning</th></tr>
 *   <tr><td>reference</td><td>string, required, at most 500 characters</td><td>the agency's own unique, stable
 *       reference for the call; sending the same reference again updates the call</td></tr>
 *   <tr><td>title</td><td>string, required</td><td>HTML allowed (stripped); cut at 1,000 characters</td></tr>
 *   <tr><td>identifier, callIdentifier, callTitle</td><td>string</td><td>the call's public identifier, the identifier and
 *       title of the call for proposals it belongs to</td></tr>
 *   <tr><td>programme</td><td>string</td><td>the funding programme, by name</td></tr>
 *   <tr><td>description</td><td>string</td><td>HTML allowed: tags, scripts and styles removed, entities decoded,
 *       paragraphs kept as lines; cut at 100,000 characters</td></tr>
 *   <tr><td>keywords, tags, eligibleCountries</td><td>array of strings (one string is read as an array of
 *       one)</td></tr>
 *   <tr><td>kind</td><td>string</td><td>{@code GRANT} (the default), {@code TENDER} or {@code CASCADE}, any
 *       case</td></tr>
 *   <tr><td>status</td><td>string</td><td>{@code FORTHCOMING}, {@code OPEN} or {@code CLOSED}, any case. When
 *       absent it is worked out at reading time: FORTHCOMING before the opening date, CLOSED when every deadline
 *       has passed, OPEN otherwise</td></tr>
 *   <tr><td>openingDate</td><td>date</td><td>when submissions open</td></tr>
 *   <tr><td>deadlines</td><td>array of dates</td><td>every cut-off (order and repeats do not matter); a single
 *       {@code deadline} is accepted too</td></tr>
 *   <tr><td>budget</td><td>object</td><td>{@code {"amount": "1500000.00", "currency": "EUR"}}: the amount a
 *       decimal string (digits, optional '.' and decimals, no grouping) or a JSON number (send a string when the
 *       amount has more than 15 significant digits), not negative; the currency an ISO 4217 code</td></tr>
 *   <tr><td>partnershipRequirement</td><td>string</td><td>the consortium required, in words</td></tr>
 *   <tr><td>url</td><td>string</td><td>an http or https URL</td></tr>
 * </table>
 *
 * <p>Dates are ISO-8601 date-times with an offset ({@code 2026-09-15T17:00:00+02:00}, {@code ...Z},
 * {@code ...+0200}), date-times without one or dates alone (read in Europe/Brussels; a date alone
 * is the start of that day there), or epoch milliseconds (number or string): see {@link FeedDates}.
 * Unknown fields are ignored.
 *
 * <p>Each call is read on its own; a bad one is rejected with one of {@code missing-reference},
 * {@code invalid-reference}, {@code duplicate-reference}, {@code missing-title}, {@code
 * wrong-type}, {@code invalid-date}, {@code invalid-budget}, {@code invalid-status}, {@code
 * invalid-kind}, {@code invalid-url}, and the others still go through.
 */
public final class GenericJsonAdapter implements FeedAdapter {

    private final Clock clock;

    /**
     * @param clock tells the time when a call's status has to be worked out from its dates
     */
    public GenericJsonAdapter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public GenericJsonAdapter() {
        this(Clock.systemUTC());
    }

    @Override
    public boolean accepts(JsonNode root) {
        return root != null
                && (root.isArray()
                        || root.isObject() && root.path("calls").isArray()
                        || root.isObject() && !root.has("calls") && root.has("reference"));
    }

    @Override
    public Normalised normalise(String source, JsonNode root) {
        List<JsonNode> records =
                root.isArray()
                        ? RecordLoop.elements(root)
                        : root.has("calls")
                                ? RecordLoop.elements(root.path("calls"))
                                : List.of(root);
        return RecordLoop.run(
                source, records, record -> record.path("reference").asString(null), this::read);
    }

    private FundingCall read(String source, JsonNode record) {
        if (!record.isObject()) {
            throw Fields.wrongType("call", "an object", record);
        }
        String reference = Fields.reference(Fields.text(record, "reference"), "reference");
        String title = Fields.title(Fields.text(record, "title"), "title");
        CallKind kind = kind(Fields.text(record, "kind"));
        Instant opening = Fields.date(record.get("openingDate"), "openingDate");
        List<Instant> deadlines =
                new ArrayList<>(Fields.dates(record.get("deadlines"), "deadlines"));
        Instant single = Fields.date(record.get("deadline"), "deadline");
        if (single != null) {
            deadlines.add(single);
        }
        CallStatus status = status(Fields.text(record, "status"), opening, deadlines);
        return new FundingCall(
                source,
                reference,
                line(record, "identifier"),
                line(record, "callIdentifier"),
                line(record, "callTitle"),
                title,
                line(record, "programme"),
                HtmlText.toPlainText(Fields.text(record, "description")),
                Fields.singleLines(Fields.texts(record, "keywords")),
                Fields.singleLines(Fields.texts(record, "tags")),
                kind,
                status,
                opening,
                deadlines,
                budget(record.get("budget")),
                Fields.singleLines(Fields.texts(record, "eligibleCountries")),
                HtmlText.toPlainText(Fields.text(record, "partnershipRequirement")),
                Fields.url(Fields.text(record, "url"), "url"),
                line(record, "projectName"),
                line(record, "projectAcronym"),
                line(record, "contractingAuthority"),
                Fields.singleLines(Fields.texts(record, "placesOfDelivery")));
    }

    private static String line(JsonNode record, String field) {
        return HtmlText.toSingleLine(Fields.text(record, field));
    }

    private static CallKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return CallKind.GRANT;
        }
        try {
            return CallKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RecordProblem(
                    Reason.INVALID_KIND,
                    "kind: '" + Fields.shorten(kind) + "' is not GRANT, TENDER or CASCADE");
        }
    }

    private CallStatus status(String status, Instant opening, List<Instant> deadlines) {
        if (status == null || status.isBlank()) {
            Instant now = clock.instant();
            if (opening != null && opening.isAfter(now)) {
                return CallStatus.FORTHCOMING;
            }
            if (!deadlines.isEmpty() && deadlines.stream().noneMatch(d -> d.isAfter(now))) {
                return CallStatus.CLOSED;
            }
            return CallStatus.OPEN;
        }
        try {
            return CallStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RecordProblem(
                    Reason.INVALID_STATUS,
                    "status: '" + Fields.shorten(status) + "' is not FORTHCOMING, OPEN or CLOSED");
        }
    }

    private static Money budget(JsonNode budget) {
        if (budget == null || budget.isNull() || budget.isMissingNode()) {
            return null;
        }
        if (!budget.isObject()) {
            throw Fields.wrongType("budget", "an object {amount, currency}", budget);
        }
        BigDecimal amount = Fields.amount(budget.get("amount"), "budget.amount");
        if (amount == null) {
            throw new RecordProblem(Reason.INVALID_BUDGET, "budget.amount is missing");
        }
        return Fields.money(amount, Fields.text(budget, "currency"), "budget");
    }
}
