package coop.cluster.finance.report.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A period's public report was published (frozen). Topic {@code finance.reports}; key: the period
 * id; subject {@code reports/<periodId>}. Published once per publication: revision 1, then once
 * more for each revision of a report whose period was not sealed when it was published. Amounts are
 * decimal strings.
 *
 * @param periodId {@code 2026-03}, {@code 2026-Q1} or {@code 2026}
 * @param from first day of the period
 * @param to last day
 * @param revision 1 for the first publication
 * @param sealHash the period's seal hash, or {@code null} when it was not sealed
 * @param totals the headline figures
 * @param publishedAt when
 * @param links where to read it
 */
@IntegrationEvent(type = "cluster.finance.report.published", version = 1, topic = "finance.reports")
public record ReportPublished(
        String periodId,
        LocalDate from,
        LocalDate to,
        int revision,
        String sealHash,
        Totals totals,
        Instant publishedAt,
        Links links) {

    /** Aggregate type in the subject. */
    public static final String AGGREGATE = "reports";

    /** The headline figures, all in {@code currency}. */
    public record Totals(
            String currency,
            String income,
            String expenses,
            String netResult,
            String bankOpening,
            String bankClosing,
            String inKind) {}

    /** The report in each format. */
    public record Links(String json, String csv, String html, String pdf) {}
}
