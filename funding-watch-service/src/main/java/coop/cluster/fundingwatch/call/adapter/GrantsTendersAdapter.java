package coop.cluster.fundingwatch.call.adapter;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.HtmlText;
import coop.cluster.fundingwatch.call.domain.Normalised;
import coop.cluster.fundingwatch.call.domain.Rejection.Reason;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The EU Funding &amp; Tenders Portal reference dump {@code grantsTenders.json}: {@code
 * {"fundingData": {"GrantTenderObj": [...]}}}, grants (type 1) and procurement tenders (type 0)
 * side by side.
 *
 * <p><b>Reference.</b> A grant topic's reference is its {@code identifier} (e.g. {@code
 * ERASMUS-EDU-2022-ECHE-CERT-FP}), unique in the portal; a cascade call's (type 8) is its {@code
 * ccm2Id}, since cascade identifiers are not unique, else its identifier. A tender has no call
 * identifier, and its {@code identifier} is the contracting authority's own procedure reference
 * (each authority has its own scheme), so a tender's reference is its eTendering call-for-tenders
 * id {@code cftId} (e.g. {@code 15380}, the id in its eTendering URL), else the portal's {@code
 * uuid}, else its {@code identifier}.
 *
 * <table>
 *   <caption>How a record becomes a {@link FundingCall}</caption>
 *   <tr><th>FundingCall</th><th>grantsTenders.json</th></tr>
 *   <tr><td>identifier, callIdentifier, callTitle, title</td><td>{@code identifier}, {@code callIdentifier},
 *       {@code callTitle}, {@code title} (required)</td></tr>
 *   <tr><td>programme</td><td>{@code frameworkProgramme.description} (e.g. "Erasmus+ (ERASMUS+)"), else its
 *       abbreviation; a bare code as for the Search API</td></tr>
 *   <tr><td>description</td><td>{@code description} or {@code descriptionTender}, then every
 *       {@code latestInfos[].content} in the dump's order (newest first); HTML stripped, one paragraph per
 *       line</td></tr>
 *   <tr><td>keywords, tags</td><td>{@code keywords}, {@code tags}</td></tr>
 *   <tr><td>kind</td><td>{@code type}: 1 and 2 GRANT, 8 CASCADE, 0 TENDER; anything else {@code invalid-kind}</td></tr>
 *   <tr><td>status</td><td>{@code status.id} (31094501/2/3 as in the Search API), else {@code status.abbreviation}
 *       (Forthcoming, Open, Closed); anything else, or none, {@code invalid-status}</td></tr>
 *   <tr><td>openingDate</td><td>{@code plannedOpeningDateLong}, else the earliest
 *       {@code actions[].plannedOpeningDate}; for a tender, which has neither, {@code publicationDateLong}</td></tr>
 *   <tr><td>deadlines</td><td>{@code deadlineDatesLong} together with every {@code actions[].deadlineDates}
 *       (epoch milliseconds, numbers or strings)</td></tr>
 *   <tr><td>url</td><td>{@code url} (tenders have one); for a grant without one, the portal's topic page built from
 *       the identifier</td></tr>
 *   <tr><td>contractingAuthority</td><td>a tender's {@code contractingAuthority} (e.g. {@code DGNEAR}): a string,
 *       or an object's {@code description}, else its {@code abbreviation}</td></tr>
 *   <tr><td>placesOfDelivery</td><td>a tender's {@code placesOfDeliveryOrPerformance} (e.g. {@code ["RS"]}): where
 *       the work is done, not who may bid, so never {@code eligibleCountries}</td></tr>
 *   <tr><td>projectName, projectAcronym</td><td>{@code projectName}, {@code projectAcronym} (cascade calls); a
 *       cascade call with a {@code callTitle} is shown by it, as in the Search API, and its {@code title} (the EU
 *       topic's) becomes the callTitle</td></tr>
 *   <tr><td>budget, eligibleCountries, partnershipRequirement</td><td>not in this format: null, empty,
 *       null</td></tr>
 * </table>
 */
public final class GrantsTendersAdapter implements FeedAdapter {

    static final String TOPIC_PAGE =
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/";

    private static final Map<String, CallKind> TYPES =
            Map.of(
                    "0", CallKind.TENDER,
                    "1", CallKind.GRANT,
                    "2", CallKind.GRANT,
                    "8", CallKind.CASCADE);

    private static final Map<String, CallStatus> STATUS_NAMES =
            Map.of(
                    "forthcoming", CallStatus.FORTHCOMING,
                    "open", CallStatus.OPEN,
                    "closed", CallStatus.CLOSED);

    @Override
    public boolean accepts(JsonNode root) {
        return root != null && root.path("fundingData").path("GrantTenderObj").isArray();
    }

    @Override
    public Normalised normalise(String source, JsonNode root) {
        return RecordLoop.run(
                source,
                RecordLoop.elements(root.path("fundingData").path("GrantTenderObj")),
                record -> reference(record, kind(record)),
                GrantsTendersAdapter::read);
    }

    private static FundingCall read(String source, JsonNode record) {
        if (!record.isObject()) {
            throw Fields.wrongType("record", "an object", record);
        }
        CallKind kind = kind(record);
        String reference = Fields.reference(reference(record, kind), referenceField(kind));
        String ownCallTitle = kind == CallKind.CASCADE ? Fields.text(record, "callTitle") : null;
        if (ownCallTitle != null && HtmlText.toSingleLine(ownCallTitle).isBlank()) {
            ownCallTitle = null;
        }
        String title =
                ownCallTitle != null
                        ? Fields.title(ownCallTitle, "callTitle")
                        : Fields.title(Fields.text(record, "title"), "title");
        String callTitle =
                ownCallTitle != null
                        ? Fields.text(record, "title")
                        : Fields.text(record, "callTitle");
        String identifier =
                HtmlText.toSingleLine(Fields.text(record.get("identifier"), "identifier", true));
        CallStatus status = status(record.get("status"));

        List<Instant> deadlines =
                new ArrayList<>(Fields.dates(record.get("deadlineDatesLong"), "deadlineDatesLong"));
        List<Instant> actionOpenings = new ArrayList<>();
        JsonNode actions = record.get("actions");
        if (actions != null && !actions.isNull()) {
            if (!actions.isArray()) {
                throw Fields.wrongType("actions", "an array", actions);
            }
            for (int i = 0; i < actions.size(); i++) {
                JsonNode action = actions.get(i);
                if (!action.isObject()) {
                    throw Fields.wrongType("actions[" + i + "]", "an object", action);
                }
                deadlines.addAll(
                        Fields.dates(
                                action.get("deadlineDates"), "actions[" + i + "].deadlineDates"));
                Instant opening =
                        Fields.date(
                                action.get("plannedOpeningDate"),
                                "actions[" + i + "].plannedOpeningDate");
                if (opening != null) {
                    actionOpenings.add(opening);
                }
            }
        }
        Instant opening =
                Fields.date(record.get("plannedOpeningDateLong"), "plannedOpeningDateLong");
        if (opening == null) {
            opening = actionOpenings.stream().min(Instant::compareTo).orElse(null);
        }
        if (opening == null && kind == CallKind.TENDER) {
            opening = Fields.date(record.get("publicationDateLong"), "publicationDateLong");
        }

        String url = Fields.url(Fields.text(record, "url"), "url");
        if (url == null && kind == CallKind.GRANT && identifier != null && !identifier.isBlank()) {
            url =
                    TOPIC_PAGE
                            + URLEncoder.encode(identifier, StandardCharsets.UTF_8)
                                    .replace("+", "%20");
        }

        return new FundingCall(
                source,
                reference,
                identifier,
                HtmlText.toSingleLine(Fields.text(record, "callIdentifier")),
                HtmlText.toSingleLine(callTitle),
                title,
                programme(record.get("frameworkProgramme")),
                description(record),
                Fields.singleLines(Fields.texts(record, "keywords")),
                Fields.singleLines(Fields.texts(record, "tags")),
                kind,
                status,
                opening,
                deadlines,
                null,
                List.of(),
                null,
                url,
                HtmlText.toSingleLine(Fields.text(record, "projectName")),
                HtmlText.toSingleLine(Fields.text(record, "projectAcronym")),
                contractingAuthority(record.get("contractingAuthority")),
                Fields.singleLines(Fields.texts(record, "placesOfDeliveryOrPerformance")));
    }

    private static CallKind kind(JsonNode record) {
        String type = Fields.text(record.get("type"), "type", true);
        if (type == null || type.isBlank()) {
            throw new RecordProblem(Reason.INVALID_KIND, "type is missing");
        }
        CallKind kind = TYPES.get(type.strip());
        if (kind == null) {
            throw new RecordProblem(
                    Reason.INVALID_KIND,
                    "type: '"
                            + Fields.shorten(type)
                            + "' is not a known type (0 tender, 1 topic, 2 call for proposals, 8"
                            + " cascade funding)");
        }
        return kind;
    }

    private static String reference(JsonNode record, CallKind kind) {
        String identifier = Fields.text(record.get("identifier"), "identifier", true);
        return switch (kind) {
            case TENDER ->
                    firstPresent(
                            positiveId(record, "cftId"), Fields.text(record, "uuid"), identifier);
            case CASCADE -> firstPresent(positiveId(record, "ccm2Id"), identifier);
            case GRANT -> firstPresent(identifier, positiveId(record, "ccm2Id"));
        };
    }

    private static String referenceField(CallKind kind) {
        return switch (kind) {
            case TENDER -> "cftId (or uuid, or identifier)";
            case CASCADE -> "ccm2Id (or identifier)";
            case GRANT -> "identifier (or ccm2Id)";
        };
    }

    /** An id the portal sends as a number, 0 meaning none. */
    private static String positiveId(JsonNode record, String field) {
        String id = Fields.text(record.get(field), field, true);
        return id == null || id.isBlank() || id.strip().matches("0+") ? null : id.strip();
    }

    private static String firstPresent(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static CallStatus status(JsonNode status) {
        if (status == null || status.isNull() || status.isMissingNode()) {
            throw new RecordProblem(Reason.INVALID_STATUS, "status is missing");
        }
        JsonNode id = status.isObject() ? status.get("id") : status;
        String code = Fields.text(id, "status.id", true);
        if (code != null && SearchApiAdapter.STATUSES.containsKey(code.strip())) {
            return SearchApiAdapter.STATUSES.get(code.strip());
        }
        String name =
                status.isObject()
                        ? Fields.text(status.get("abbreviation"), "status.abbreviation", false)
                        : code;
        CallStatus byName =
                name == null ? null : STATUS_NAMES.get(name.strip().toLowerCase(Locale.ROOT));
        if (byName == null) {
            throw new RecordProblem(
                    Reason.INVALID_STATUS,
                    "status: "
                            + Fields.shorten(status.toString())
                            + " is not a known status (31094501 forthcoming, 31094502 open,"
                            + " 31094503 closed)");
        }
        return byName;
    }

    private static String contractingAuthority(JsonNode authority) {
        if (authority == null || authority.isNull() || authority.isMissingNode()) {
            return null;
        }
        if (authority.isObject()) {
            String name =
                    Fields.text(
                            authority.get("description"),
                            "contractingAuthority.description",
                            false);
            if (name == null || name.isBlank()) {
                name =
                        Fields.text(
                                authority.get("abbreviation"),
                                "contractingAuthority.abbreviation",
                                false);
            }
            return HtmlText.toSingleLine(name);
        }
        return HtmlText.toSingleLine(Fields.text(authority, "contractingAuthority", false));
    }

    private static String programme(JsonNode programme) {
        if (programme == null || programme.isNull() || programme.isMissingNode()) {
            return null;
        }
        if (programme.isObject()) {
            String name =
                    Fields.text(
                            programme.get("description"), "frameworkProgramme.description", false);
            if (name == null || name.isBlank()) {
                name =
                        Fields.text(
                                programme.get("abbreviation"),
                                "frameworkProgramme.abbreviation",
                                false);
            }
            return HtmlText.toSingleLine(name);
        }
        String code = Fields.text(programme, "frameworkProgramme", true);
        return code == null
                ? null
                : SearchApiAdapter.PROGRAMMES.getOrDefault(
                        code.strip(), HtmlText.toSingleLine(code));
    }

    private static String description(JsonNode record) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("description", "descriptionTender")) {
            String text = HtmlText.toPlainText(Fields.text(record, field));
            if (text != null && !text.isBlank()) {
                parts.add(text);
            }
        }
        JsonNode infos = record.get("latestInfos");
        if (infos != null && !infos.isNull()) {
            if (!infos.isArray()) {
                throw Fields.wrongType("latestInfos", "an array", infos);
            }
            for (int i = 0; i < infos.size(); i++) {
                JsonNode info = infos.get(i);
                String content =
                        info.isObject()
                                ? Fields.text(
                                        info.get("content"),
                                        "latestInfos[" + i + "].content",
                                        false)
                                : Fields.text(info, "latestInfos[" + i + "]", false);
                String text = HtmlText.toPlainText(content);
                if (text != null && !text.isBlank()) {
                    parts.add(text);
                }
            }
        }
        return String.join("\n", parts);
    }
}
