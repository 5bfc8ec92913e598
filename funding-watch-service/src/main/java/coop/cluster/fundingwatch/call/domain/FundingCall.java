package coop.cluster.fundingwatch.call.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A funding call as every feed is normalised to. Its identity is the feed ({@code source}) and the
 * feed's own reference for the call; {@link #id()} is derived from both and is what other services
 * store. Text fields hold plain text (adapters strip HTML with {@link HtmlText}); they are cut to
 * the caps below, never refused for length. When the call was first seen and last changed is the
 * store's business, not the call's.
 *
 * @param source the feed id, e.g. {@code eu-ft-portal}; required
 * @param reference the feed's external reference for the call, unique within the feed; required, at
 *     most {@value #MAX_REFERENCE} characters (a longer one would be cut, and two calls could then
 *     merge, so it is refused)
 * @param identifier the call's public identifier (a topic identifier, a procedure reference); not
 *     unique
 * @param callIdentifier the identifier of the call for proposals a topic belongs to
 * @param callTitle the title of that call for proposals
 * @param title required
 * @param programme the programme funding it, by name
 * @param description plain text, paragraphs separated by {@code \n}; {@code ""} when the feed gives
 *     none
 * @param keywords distinct, in the feed's order
 * @param tags distinct, in the feed's order
 * @param kind required
 * @param status as the source states it; required
 * @param openingDate when submissions open, or {@code null}; to the millisecond, as every instant
 *     here (the store keeps milliseconds, so a call read back equals the call stored)
 * @param deadlines every cut-off, ascending, distinct, to the millisecond; empty when the feed
 *     gives none
 * @param budget the call's budget, or {@code null}
 * @param eligibleCountries ISO country codes or region codes, as the feed gives them (upper case),
 *     distinct
 * @param partnershipRequirement the consortium the call requires, in words, or {@code null}
 * @param url the call's page (http or https), or {@code null}; a cascade call's own page, not the
 *     page of the EU topic that funds its project
 * @param projectName a cascade call's project (the one passing the funds on), by name, or {@code
 *     null}
 * @param projectAcronym that project's acronym, or {@code null}
 * @param contractingAuthority a tender's contracting authority as the source names it (e.g. {@code
 *     DGNEAR}), or {@code null}
 * @param placesOfDelivery where a tender's work is delivered or performed (country or region codes
 *     as the source gives them, upper case), distinct; not who may bid
 */
public record FundingCall(
        String source,
        String reference,
        String identifier,
        String callIdentifier,
        String callTitle,
        String title,
        String programme,
        String description,
        List<String> keywords,
        List<String> tags,
        CallKind kind,
        CallStatus status,
        Instant openingDate,
        List<Instant> deadlines,
        Money budget,
        List<String> eligibleCountries,
        String partnershipRequirement,
        String url,
        String projectName,
        String projectAcronym,
        String contractingAuthority,
        List<String> placesOfDelivery) {

    public static final int MAX_SOURCE = 100;
    public static final int MAX_REFERENCE = 500;
    public static final int MAX_IDENTIFIER = 500;
    public static final int MAX_TITLE = 1_000;
    public static final int MAX_PROGRAMME = 500;
    public static final int MAX_DESCRIPTION = 100_000;
    public static final int MAX_PARTNERSHIP = 10_000;
    public static final int MAX_TERM = 200;
    public static final int MAX_TERMS = 500;
    public static final int MAX_COUNTRY = 20;
    public static final int MAX_URL = 2_048;
    public static final int MAX_NAME = 1_000;

    public FundingCall {
        source = required(source, "source");
        if (source.length() > MAX_SOURCE) {
            throw new IllegalArgumentException("source longer than " + MAX_SOURCE + " characters");
        }
        reference = required(reference, "reference");
        if (reference.length() > MAX_REFERENCE) {
            throw new IllegalArgumentException(
                    "reference longer than " + MAX_REFERENCE + " characters");
        }
        title = HtmlText.truncate(required(title, "title"), MAX_TITLE);
        identifier = optional(identifier, MAX_IDENTIFIER);
        callIdentifier = optional(callIdentifier, MAX_IDENTIFIER);
        callTitle = optional(callTitle, MAX_TITLE);
        programme = optional(programme, MAX_PROGRAMME);
        description =
                description == null ? "" : HtmlText.truncate(description.strip(), MAX_DESCRIPTION);
        keywords = terms(keywords, MAX_TERM);
        tags = terms(tags, MAX_TERM);
        eligibleCountries =
                terms(eligibleCountries, MAX_COUNTRY).stream()
                        .map(country -> country.toUpperCase(Locale.ROOT))
                        .distinct()
                        .toList();
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        openingDate = openingDate == null ? null : openingDate.truncatedTo(ChronoUnit.MILLIS);
        deadlines =
                deadlines == null
                        ? List.of()
                        : List.copyOf(
                                new TreeSet<>(
                                        deadlines.stream()
                                                .filter(Objects::nonNull)
                                                .map(
                                                        deadline ->
                                                                deadline.truncatedTo(
                                                                        ChronoUnit.MILLIS))
                                                .toList()));
        partnershipRequirement = optional(partnershipRequirement, MAX_PARTNERSHIP);
        projectName = optional(projectName, MAX_NAME);
        projectAcronym = optional(projectAcronym, MAX_TERM);
        contractingAuthority = optional(contractingAuthority, MAX_NAME);
        placesOfDelivery =
                terms(placesOfDelivery, MAX_COUNTRY).stream()
                        .map(place -> place.toUpperCase(Locale.ROOT))
                        .distinct()
                        .toList();
        url = url == null || url.isBlank() ? null : url.strip();
        if (url != null
                && (url.length() > MAX_URL
                        || !(url.regionMatches(true, 0, "https://", 0, 8)
                                || url.regionMatches(true, 0, "http://", 0, 7)))) {
            throw new IllegalArgumentException(
                    "url must be http or https, at most " + MAX_URL + " characters");
        }
    }

    /**
     * A call without the fields only cascade calls and tenders have (project, contracting
     * authority, places).
     */
    public FundingCall(
            String source,
            String reference,
            String identifier,
            String callIdentifier,
            String callTitle,
            String title,
            String programme,
            String description,
            List<String> keywords,
            List<String> tags,
            CallKind kind,
            CallStatus status,
            Instant openingDate,
            List<Instant> deadlines,
            Money budget,
            List<String> eligibleCountries,
            String partnershipRequirement,
            String url) {
        this(
                source,
                reference,
                identifier,
                callIdentifier,
                callTitle,
                title,
                programme,
                description,
                keywords,
                tags,
                kind,
                status,
                openingDate,
                deadlines,
                budget,
                eligibleCountries,
                partnershipRequirement,
                url,
                null,
                null,
                null,
                List.of());
    }

    /** The same call with the project that runs it (cascade funding). */
    public FundingCall withProject(String name, String acronym) {
        return new FundingCall(
                source,
                reference,
                identifier,
                callIdentifier,
                callTitle,
                title,
                programme,
                description,
                keywords,
                tags,
                kind,
                status,
                openingDate,
                deadlines,
                budget,
                eligibleCountries,
                partnershipRequirement,
                url,
                name,
                acronym,
                contractingAuthority,
                placesOfDelivery);
    }

    /** The same call with its contracting authority and places of delivery (tenders). */
    public FundingCall withContracting(String authority, List<String> places) {
        return new FundingCall(
                source,
                reference,
                identifier,
                callIdentifier,
                callTitle,
                title,
                programme,
                description,
                keywords,
                tags,
                kind,
                status,
                openingDate,
                deadlines,
                budget,
                eligibleCountries,
                partnershipRequirement,
                url,
                projectName,
                projectAcronym,
                authority,
                places);
    }

    /**
     * The stable id of the call: a name-based UUID of source and reference. Other services store
     * this id.
     */
    public UUID id() {
        return idOf(source, reference);
    }

    /** The id a call from {@code source} with {@code reference} has. */
    public static UUID idOf(String source, String reference) {
        return UUID.nameUUIDFromBytes(
                ("funding-call\u0000"
                                + required(source, "source")
                                + "\u0000"
                                + required(reference, "reference"))
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.strip();
    }

    private static String optional(String value, int max) {
        return value == null || value.isBlank() ? null : HtmlText.truncate(value.strip(), max);
    }

    private static List<String> terms(Collection<String> values, int max) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank() && kept.size() < MAX_TERMS) {
                kept.add(HtmlText.truncate(value.strip(), max));
            }
        }
        return List.copyOf(kept);
    }
}
