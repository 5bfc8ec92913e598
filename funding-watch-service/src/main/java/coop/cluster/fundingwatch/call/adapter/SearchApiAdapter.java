package coop.cluster.fundingwatch.call.adapter;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.HtmlText;
import coop.cluster.fundingwatch.call.domain.Money;
import coop.cluster.fundingwatch.call.domain.Normalised;
import coop.cluster.fundingwatch.call.domain.Rejection.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The EU Funding &amp; Tenders Portal Search API response: {@code {"results": [...]}}, each result
 * with {@code reference}, {@code url}, {@code summary} and {@code metadata}, where every metadata
 * value is an array of strings (a bare string is read as an array of one).
 *
 * <table>
 *   <caption>How a result becomes a {@link FundingCall}</caption>
 *   <tr><th>FundingCall</th><th>Search API</th></tr>
 *   <tr><td>reference</td><td>{@code reference} (required; the metadata {@code identifier} is <em>not</em> unique:
 *       two cascade calls may share one)</td></tr>
 *   <tr><td>identifier, callIdentifier, callTitle</td><td>{@code identifier}, {@code callIdentifier},
 *       {@code callTitle}; for a cascade call, whose own title is {@code callTitle}, callTitle is the
 *       {@code title} of the EU topic that funds its project</td></tr>
 *   <tr><td>title</td><td>{@code title}, else the result's {@code summary} (required); for a cascade call its own
 *       call title, {@code callTitle}, when it has one</td></tr>
 *   <tr><td>programme</td><td>{@code frameworkProgramme}: the portal's name for the codes in
 *       {@link #PROGRAMMES}, else the code as given</td></tr>
 *   <tr><td>description</td><td>{@code description}, else {@code descriptionByte}, else the result's
 *       {@code summary}; HTML stripped</td></tr>
 *   <tr><td>keywords, tags</td><td>{@code keywords}, {@code tags}</td></tr>
 *   <tr><td>kind</td><td>{@code type}: "1" topic and "2" call for proposals are GRANT, "8" cascade funding is
 *       CASCADE, "0" tender is TENDER; anything else is {@code invalid-kind}</td></tr>
 *   <tr><td>status</td><td>{@code status}: 31094501 FORTHCOMING, 31094502 OPEN, 31094503 CLOSED; anything else,
 *       or none, is {@code invalid-status}</td></tr>
 *   <tr><td>openingDate</td><td>{@code startDate}</td></tr>
 *   <tr><td>deadlines</td><td>every {@code deadlineDate} (several for multiple cut-offs and two-stage
 *       calls)</td></tr>
 *   <tr><td>budget</td><td>{@code budget} (a decimal) in {@code currency}, EUR when the result names none</td></tr>
 *   <tr><td>url</td><td>the result's {@code url}, else metadata {@code url}; for a cascade call with a
 *       {@code callccm2Id}, its own page on the portal, {@link #COMPETITIVE_CALL_PAGE} + that id (the result's
 *       {@code url} is the page of the EU topic, the same for every cascade call of that topic)</td></tr>
 *   <tr><td>projectName, projectAcronym</td><td>{@code projectName}, {@code projectAcronym} (cascade calls)</td></tr>
 *   <tr><td>contractingAuthority, placesOfDelivery</td><td>{@code contractingAuthority},
 *       {@code placesOfDeliveryOrPerformance} (tenders), when given</td></tr>
 *   <tr><td>eligibleCountries, partnershipRequirement</td><td>not in this format: empty, null</td></tr>
 * </table>
 *
 * <p><b>Cascade calls.</b> Acceptance testing found two cascade calls of one EU topic ({@code
 * DIGITAL-2023-SKILLS-05-SPECIALEDU}: "METU Internships Offer" and "Gnomon Internships Offer")
 * shown with the same title and URL, the topic's: a cascade call's {@code title} and {@code url} in
 * a result are its topic's, what tells it apart is its {@code callTitle}, {@code callccm2Id},
 * project and budget.
 *
 * <p>Dates are read by {@link FeedDates} (the API sends {@code 2026-09-15T00:00:00.000+0000}).
 */
public final class SearchApiAdapter implements FeedAdapter {

    /** Framework programme codes the portal uses, and the portal's name for each. */
    static final Map<String, String> PROGRAMMES =
            Map.of(
                    "43108390", "Horizon Europe (HORIZON)",
                    "43152860", "Digital Europe Programme (DIGITAL)",
                    "43353764", "Erasmus+ (ERASMUS+)",
                    "44181033", "European Defence Fund (EDF)");

    /** The portal's page of one cascade call ("competitive call"), by its {@code callccm2Id}. */
    static final String COMPETITIVE_CALL_PAGE =
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/competitive-calls-cs/";

    static final Map<String, CallStatus> STATUSES =
            Map.of(
                    "31094501", CallStatus.FORTHCOMING,
                    "31094502", CallStatus.OPEN,
                    "31094503", CallStatus.CLOSED);

    private static final Map<String, CallKind> TYPES =
            Map.of(
                    "0", CallKind.TENDER,
                    "1", CallKind.GRANT,
                    "2", CallKind.GRANT,
                    "8", CallKind.CASCADE);

    @Override
    public boolean accepts(JsonNode root) {
        return root != null && root.isObject() && root.path("results").isArray();
    }

    @Override
    public Normalised normalise(String source, JsonNode root) {
        return RecordLoop.run(
                source,
                RecordLoop.elements(root.path("results")),
                record -> record.path("reference").asString(null),
                SearchApiAdapter::read);
    }

    private static FundingCall read(String source, JsonNode record) {
        if (!record.isObject()) {
            throw Fields.wrongType("record", "an object", record);
        }
        String reference = Fields.reference(Fields.text(record, "reference"), "reference");
        JsonNode metadata = record.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw Fields.wrongType("metadata", "an object", metadata);
        }
        Meta meta =
                new Meta(
                        metadata == null || metadata.isNull() ? record.path("metadata") : metadata);

        String summary = Fields.text(record, "summary");
        CallKind kind = kind(meta.first("type"));
        String ownCallTitle = kind == CallKind.CASCADE ? meta.first("callTitle") : null;
        String title =
                ownCallTitle != null
                        ? Fields.title(ownCallTitle, "metadata.callTitle")
                        : Fields.title(
                                firstNonBlank(meta.first("title"), summary), "metadata.title");
        String callTitle =
                ownCallTitle != null
                        ? firstNonBlank(meta.first("title"), summary)
                        : meta.first("callTitle");
        CallStatus status = status(meta.first("status"));
        Instant opening = firstOrNull(Fields.dates(meta.raw("startDate"), "metadata.startDate"));
        List<Instant> deadlines = Fields.dates(meta.raw("deadlineDate"), "metadata.deadlineDate");
        Money budget = budget(meta);
        String programmeCode = meta.first("frameworkProgramme");
        String programme =
                programmeCode == null
                        ? null
                        : PROGRAMMES.getOrDefault(
                                programmeCode.strip(), HtmlText.toSingleLine(programmeCode));
        String description =
                HtmlText.toPlainText(
                        firstNonBlank(
                                meta.first("description"), meta.first("descriptionByte"), summary));
        String url =
                Fields.url(firstNonBlank(Fields.text(record, "url"), meta.first("url")), "url");
        String competitiveCall = kind == CallKind.CASCADE ? meta.first("callccm2Id") : null;
        if (competitiveCall != null && competitiveCall.strip().matches("[0-9]{1,18}")) {
            url = COMPETITIVE_CALL_PAGE + competitiveCall.strip();
        }

        return new FundingCall(
                source,
                reference,
                HtmlText.toSingleLine(meta.first("identifier")),
                HtmlText.toSingleLine(meta.first("callIdentifier")),
                HtmlText.toSingleLine(callTitle),
                title,
                programme,
                description,
                Fields.singleLines(meta.all("keywords")),
                Fields.singleLines(meta.all("tags")),
                kind,
                status,
                opening,
                deadlines,
                budget,
                List.of(),
                null,
                url,
                HtmlText.toSingleLine(meta.first("projectName")),
                HtmlText.toSingleLine(meta.first("projectAcronym")),
                HtmlText.toSingleLine(meta.first("contractingAuthority")),
                Fields.singleLines(meta.all("placesOfDeliveryOrPerformance")));
    }

    private static CallKind kind(String type) {
        if (type == null || type.isBlank()) {
            throw new RecordProblem(Reason.INVALID_KIND, "metadata.type is missing");
        }
        CallKind kind = TYPES.get(type.strip());
        if (kind == null) {
            throw new RecordProblem(
                    Reason.INVALID_KIND,
                    "metadata.type: '"
                            + Fields.shorten(type)
                            + "' is not a known type (0 tender, 1 topic, 2 call for proposals, 8"
                            + " cascade funding)");
        }
        return kind;
    }

    private static CallStatus status(String code) {
        if (code == null || code.isBlank()) {
            throw new RecordProblem(Reason.INVALID_STATUS, "metadata.status is missing");
        }
        CallStatus status = STATUSES.get(code.strip());
        if (status == null) {
            throw new RecordProblem(
                    Reason.INVALID_STATUS,
                    "metadata.status: '"
                            + Fields.shorten(code)
                            + "' is not a known status (31094501 forthcoming, 31094502 open,"
                            + " 31094503 closed)");
        }
        return status;
    }

    private static Money budget(Meta meta) {
        JsonNode values = meta.raw("budget");
        JsonNode amount = values != null && values.isArray() ? values.get(0) : values;
        String currency = meta.first("currency");
        return Fields.money(
                Fields.amount(amount, "metadata.budget"),
                currency == null ? "EUR" : currency,
                "metadata.budget");
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static <T> T firstOrNull(List<T> values) {
        return values.isEmpty() ? null : values.getFirst();
    }

    /** The metadata object: every value an array of strings. */
    private record Meta(JsonNode node) {

        JsonNode raw(String key) {
            return node.get(key);
        }

        List<String> all(String key) {
            return Fields.textList(node.get(key), "metadata." + key);
        }

        String first(String key) {
            return all(key).stream().filter(value -> !value.isBlank()).findFirst().orElse(null);
        }
    }
}
