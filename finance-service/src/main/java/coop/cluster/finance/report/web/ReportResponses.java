package coop.cluster.finance.report.web;

import coop.cluster.finance.report.Reports;
import coop.cluster.finance.report.domain.PeriodReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Serves a period's report as JSON, CSV, HTML or PDF, in English or French: one code for the
 * members' API ({@link ReportController}) and the public one ({@link PublicReportController}), so
 * both answer the same bytes for a published report. Counts what it serves ({@code
 * cluster.finance.reports.generated{format}}).
 */
@Component
class ReportResponses {

    private final Reports reports;
    private final MessageSource messages;
    private final Map<String, Counter> generated;

    ReportResponses(
            Reports reports,
            @Qualifier("problemMessages") MessageSource messages,
            MeterRegistry meters) {
        this.reports = reports;
        this.messages = messages;
        this.generated =
                Map.of(
                        "json",
                        counter(meters, "json"),
                        "csv",
                        counter(meters, "csv"),
                        "html",
                        counter(meters, "html"),
                        "pdf",
                        counter(meters, "pdf"));
    }

    private static Counter counter(MeterRegistry meters, String format) {
        return Counter.builder(ReportController.GENERATED_METRIC)
                .description("Reports served, by format")
                .tag("format", format)
                .register(meters);
    }

    /**
     * A period's report in the format and language asked for: the published one, or the live draft
     * when {@code draftAllowed}. Also what the public API serves ({@link PublicReportController}),
     * drafts never.
     */
    ResponseEntity<?> render(
            String periodId, boolean draftAllowed, String format, String lang, String accept) {
        String chosen = ReportController.format(format, accept);
        Locale locale = ReportController.locale(lang);
        Reports.Served served = reports.report(periodId, draftAllowed);
        generated.get(chosen).increment();
        PeriodReport report = served.report();
        ReportLabels labels = new ReportLabels(messages, locale);
        return switch (chosen) {
            case "csv" ->
                    ResponseEntity.ok()
                            .contentType(ReportController.CSV)
                            .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
                            .header(
                                    HttpHeaders.CONTENT_DISPOSITION,
                                    "inline; filename=\"report-"
                                            + report.periodId()
                                            + "-"
                                            + locale.getLanguage()
                                            + ".csv\"")
                            .body(ReportCsv.render(report, labels));
            case "html" ->
                    ResponseEntity.ok()
                            .contentType(ReportController.HTML)
                            .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
                            .body(ReportHtml.render(report, labels));
            case "pdf" ->
                    ResponseEntity.ok()
                            .contentType(ReportController.PDF)
                            .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
                            .header(
                                    HttpHeaders.CONTENT_DISPOSITION,
                                    "inline; filename=\"report-"
                                            + report.periodId()
                                            + "-"
                                            + locale.getLanguage()
                                            + ".pdf\"")
                            .body(ReportPdf.render(report, labels));
            default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        };
    }
}
