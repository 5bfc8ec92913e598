package coop.cluster.finance.report.web;

import coop.cluster.finance.report.ReportAccess;
import coop.cluster.finance.report.Reports;
import coop.cluster.finance.report.domain.PeriodReport;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public reports for active members: members, delegates, managers and finance staff read
 * published reports; finance staff and managers also read the live draft of a period not yet
 * published; finance staff publish. Feeds never. Formats: JSON (default), CSV, a printable HTML
 * page and a PDF to print and sign, in English or French; an Accept header that asks for none of
 * them is 406.
 */
@RestController
@Validated
@RequestMapping("/api/finance/reports")
class ReportController {

    static final String GENERATED_METRIC = "cluster.finance.reports.generated";
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    static final MediaType PDF = MediaType.APPLICATION_PDF;
    private static final List<String> FORMATS = List.of("json", "csv", "html", "pdf");
    static final int MAX_PAGE = 100;

    private final Reports reports;
    private final ReportResponses responses;

    ReportController(Reports reports, ReportResponses responses) {
        this.reports = reports;
        this.responses = responses;
    }

    @Operation(
            summary = "A period's public report",
            description =
                    "Period: 2026-03 (month), 2026-Q1 (quarter) or 2026 (year). Members, delegates,"
                        + " managers and finance staff read a published report (its frozen copy,"
                        + " status published); finance staff and managers also read an unpublished"
                        + " period's live draft (status draft), others get 404"
                        + " report-not-published. Format: ?format=json|csv|html|pdf, else the"
                        + " Accept header (application/json, text/csv, text/html, application/pdf;"
                        + " JSON for */* or none); an Accept header naming none of them is 406"
                        + " report-format-not-acceptable. Language of the CSV labels, the HTML page"
                        + " and the PDF: ?lang=en|fr, else Accept-Language (English by default)."
                        + " Amounts are exact decimal strings in JSON and CSV, formatted per"
                        + " language in HTML and PDF. The PDF is the HTML page on A4 with the seal,"
                        + " page numbers and a signature block, for finance staff to print and"
                        + " sign. 400 report-period-invalid, report-format-unsupported,"
                        + " report-language-unsupported.")
    @GetMapping("/{periodId}")
    ResponseEntity<?> report(
            @PathVariable String periodId,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) String lang,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            Caller caller) {
        ReportAccess.checkMayRead(caller);
        return responses.render(periodId, ReportAccess.mayReadDrafts(caller), format, lang, accept);
    }

    @Operation(
            summary = "Publish a period's report",
            description =
                    "Finance staff only. Freezes the report of a period that has ended and"
                        + " announces it (cluster.finance.report.published.v1 on finance.reports)."
                        + " 201 with the frozen report when this call published it (or a new"
                        + " revision of it); 200 with the stored report when it was already"
                        + " published with the same figures. Figures changed since: a report"
                        + " published while its period was not sealed is replaced by a new revision"
                        + " (201); one published for a sealed period is final, 409"
                        + " report-already-published. 422 report-period-not-ended; 503"
                        + " report-projection-behind (Retry-After) when the totals could not catch"
                        + " up with the journal in time.")
    @PostMapping("/{periodId}/publication")
    ResponseEntity<PeriodReport> publish(@PathVariable String periodId, Caller caller) {
        ReportAccess.checkMayPublish(caller);
        Reports.Published published = reports.publish(periodId);
        URI location = URI.create("/api/finance/reports/" + published.report().periodId());
        if (published.created()) {
            return ResponseEntity.created(location).body(published.report());
        }
        return ResponseEntity.ok().location(location).body(published.report());
    }

    @Operation(
            summary = "The published reports",
            description =
                    "Members, delegates, managers and finance staff. Newest period first, page"
                        + " (from 0) of size 1 to 100 (default 20): period id, revision, whether"
                        + " the period was sealed, when published, and links to each format.")
    @GetMapping
    Page list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE) int size,
            Caller caller) {
        ReportAccess.checkMayRead(caller);
        List<Item> items = reports.published(page, size).stream().map(Item::of).toList();
        return new Page(items, page, size, reports.publishedCount());
    }

    /** A page of published reports. */
    record Page(List<Item> items, int page, int size, long totalElements) {}

    /** One published report. */
    record Item(
            String periodId,
            int revision,
            boolean sealed,
            Instant publishedAt,
            Map<String, String> links) {

        static Item of(Reports.Summary summary) {
            String base = "/api/finance/reports/" + summary.periodId();
            return new Item(
                    summary.periodId(),
                    summary.revision(),
                    summary.sealed(),
                    summary.publishedAt(),
                    Map.of(
                            "json",
                            base,
                            "csv",
                            base + "?format=csv",
                            "html",
                            base + "?format=html",
                            "pdf",
                            base + "?format=pdf"));
        }
    }

    /**
     * {@code ?format} when given; else the most specific of JSON, CSV, HTML, PDF the Accept header
     * accepts (JSON for {@code *}{@code /*}); else JSON when there is no (readable) Accept header.
     *
     * @throws ProblemException 400 {@code report-format-unsupported} for another {@code ?format};
     *     406 {@code report-format-not-acceptable} when the Accept header accepts none of them
     */
    static String format(String format, String accept) {
        if (format != null) {
            String wanted = format.toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(wanted)) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST, "report-format-unsupported", format);
            }
            return wanted;
        }
        if (accept == null || accept.isBlank()) {
            return "json";
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException unreadable) {
            return "json";
        }
        org.springframework.util.MimeTypeUtils.sortBySpecificity(accepted);
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isWildcardType()) {
                return "json";
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return "json";
            }
            if (type.isCompatibleWith(CSV)) {
                return "csv";
            }
            if (type.isCompatibleWith(HTML)) {
                return "html";
            }
            if (type.isCompatibleWith(PDF)) {
                return "pdf";
            }
        }
        throw new ProblemException(
                HttpStatus.NOT_ACCEPTABLE, "report-format-not-acceptable", accept);
    }

    /**
     * {@code ?lang=en|fr} when given; else the request's locale (Accept-Language): French or else
     * English.
     */
    static Locale locale(String lang) {
        if (lang != null) {
            return switch (lang.toLowerCase(Locale.ROOT)) {
                case "en" -> ReportLabels.ENGLISH;
                case "fr" -> ReportLabels.FRENCH;
                default ->
                        throw new ProblemException(
                                HttpStatus.BAD_REQUEST, "report-language-unsupported", lang);
            };
        }
        return "fr".equals(LocaleContextHolder.getLocale().getLanguage())
                ? ReportLabels.FRENCH
                : ReportLabels.ENGLISH;
    }
}
