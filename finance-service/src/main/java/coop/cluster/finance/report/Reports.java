package coop.cluster.finance.report;

import coop.cluster.finance.report.domain.PeriodReport;
import coop.cluster.finance.report.domain.ReportAggregator;
import coop.cluster.finance.report.domain.ReportPeriod;
import coop.cluster.finance.report.domain.SealInfo;
import coop.cluster.finance.report.events.ReportPublished;
import coop.cluster.finance.report.persistence.LedgerTotals;
import coop.cluster.finance.report.persistence.ReportPublications;
import coop.cluster.finance.report.persistence.ReportPublications.Publication;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.ObjectMapper;

/**
 * The public reports: computed from the {@link LedgerTotals} view (never from the journal itself),
 * the seals and the budgets behind their ports, and frozen by publication.
 *
 * <p>The publication rule: a period is published once, after it has ended (422 {@code
 * report-period-not-ended} before). Publishing again is idempotent while the figures are the same
 * (the stored report, no new event). When they differ (entries posted since, with effective dates
 * in the period), a report published while its period was not sealed was provisional: it is
 * replaced by a new revision with a new event; one published for a sealed period is final: 409
 * {@code report-already-published}. Concurrent publishers are serialised by the publication's
 * unique id and a compare-and-set on its version.
 */
public class Reports {

    private static final Logger log = LoggerFactory.getLogger(Reports.class);
    private static final int PUBLISH_ATTEMPTS = 5;

    private final LedgerTotals totals;
    private final LedgerTotalsProjector projector;
    private final ReportPublications publications;
    private final PeriodSeals seals;
    private final ProjectBudgetFigures budgets;
    private final EventFactory events;
    private final ObjectMapper json;
    private final Clock clock;
    private final Currency currency;
    private final Duration catchUpTimeout;

    public Reports(
            LedgerTotals totals,
            LedgerTotalsProjector projector,
            ReportPublications publications,
            PeriodSeals seals,
            ProjectBudgetFigures budgets,
            EventFactory events,
            ObjectMapper json,
            Clock clock,
            Currency currency,
            Duration catchUpTimeout) {
        this.totals = totals;
        this.projector = projector;
        this.publications = publications;
        this.seals = seals;
        this.budgets = budgets;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.currency = currency;
        this.catchUpTimeout = catchUpTimeout;
    }

    /** A report as served: the frozen copy when published, else computed now. */
    public record Served(PeriodReport report, boolean published) {}

    /** A published report in a list. */
    public record Summary(String periodId, int revision, boolean sealed, Instant publishedAt) {}

    /**
     * The outcome of a publication: the stored report, and whether this call stored a new revision.
     */
    public record Published(PeriodReport report, boolean created) {}

    /**
     * The period's report: its publication, or (when {@code draftAllowed}) the live draft.
     *
     * @throws ProblemException 400 {@code report-period-invalid}; 404 {@code report-not-published}
     *     for a draft the caller may not see
     */
    public Served report(String periodId, boolean draftAllowed) {
        ReportPeriod period = period(periodId);
        Optional<Publication> publication = publications.find(period.id());
        if (publication.isPresent()) {
            return new Served(read(publication.get().report()), true);
        }
        if (!draftAllowed) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "report-not-published", period.id());
        }
        return new Served(compute(period), false);
    }

    /** The live report of a period, from the view as far as it has got. */
    public PeriodReport compute(ReportPeriod period) {
        LedgerTotals.Totals figures = totals.totals(period);
        if (figures.currency() != null && !figures.currency().equals(currency.getCurrencyCode())) {
            throw new IllegalStateException(
                    "the ledger is in "
                            + figures.currency()
                            + ", reports in "
                            + currency.getCurrencyCode());
        }
        Optional<SealInfo> seal = seals.sealOf(period.id());
        return ReportAggregator.report(
                period,
                currency,
                figures.inPeriod(),
                figures.before(),
                seal,
                budgets.budgetsBetween(period.from(), period.to()),
                figures.throughSequence(),
                clock.instant());
    }

    /**
     * Publishes the period's report (see the rule above), once the view has caught up with the
     * journal.
     *
     * @throws ProblemException 400 {@code report-period-invalid}, 422 {@code
     *     report-period-not-ended}, 409 {@code report-already-published}, 503 {@code
     *     report-projection-behind}
     */
    public Published publish(String periodId) {
        ReportPeriod period = period(periodId);
        if (!period.endedBy(LocalDate.now(clock))) {
            throw ProblemException.unprocessable(
                    "report-period-not-ended", period.id(), period.to());
        }
        long target = projector.journalEnd();
        if (projector.catchUp(catchUpTimeout) < target) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE, "report-projection-behind", 1);
        }
        for (int attempt = 1; attempt <= PUBLISH_ATTEMPTS; attempt++) {
            PeriodReport live = compute(period);
            String hash = hash(live.figures());
            Optional<Publication> existing = publications.find(period.id());
            if (existing.isPresent()) {
                Publication stored = existing.get();
                if (stored.contentHash().equals(hash)) {
                    return new Published(read(stored.report()), false);
                }
                if (stored.sealed()) {
                    throw ProblemException.conflict("report-already-published", period.id());
                }
                int revision = stored.revision() + 1;
                PeriodReport frozen = live.asPublished(publicationInstant(), revision);
                Publication next = publication(frozen, hash);
                if (publications.replace(stored.version(), next, event(frozen))) {
                    log.info(
                            "Report {} published again as revision {} (through sequence {})",
                            period.id(),
                            revision,
                            frozen.throughSequence());
                    return new Published(frozen, true);
                }
                continue;
            }
            PeriodReport frozen = live.asPublished(publicationInstant(), 1);
            try {
                publications.insert(publication(frozen, hash), event(frozen));
                log.info(
                        "Report {} published (through sequence {}, sealed: {})",
                        period.id(),
                        frozen.throughSequence(),
                        frozen.seal().sealed());
                return new Published(frozen, true);
            } catch (DuplicateKeyException raced) {
                log.debug(
                        "Report {} was published by another caller meanwhile; comparing",
                        period.id());
            }
        }
        throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "report-projection-behind", 1);
    }

    /** A page of the published reports' summaries, newest period first. */
    public List<Summary> published(int page, int size) {
        return publications.page(page, size).stream()
                .map(
                        publication ->
                                new Summary(
                                        publication.periodId(),
                                        publication.revision(),
                                        publication.sealed(),
                                        publication.publishedAt()))
                .toList();
    }

    public long publishedCount() {
        return publications.count();
    }

    private Publication publication(PeriodReport frozen, String hash) {
        return new Publication(
                frozen.periodId(),
                frozen.revision(),
                0,
                hash,
                frozen.seal().sealed(),
                json.writeValueAsString(frozen),
                frozen.publishedAt());
    }

    private PendingEvent event(PeriodReport report) {
        String base = "/api/finance/reports/" + report.periodId();
        ReportPublished published =
                new ReportPublished(
                        report.periodId(),
                        report.from(),
                        report.to(),
                        report.revision(),
                        report.seal().hash(),
                        new ReportPublished.Totals(
                                report.currency(),
                                report.balance().income(),
                                report.balance().expenses(),
                                report.balance().netResult(),
                                report.balance().bankOpening(),
                                report.balance().bankClosing(),
                                report.inKind().total()),
                        report.publishedAt(),
                        new ReportPublished.Links(
                                base,
                                base + "?format=csv",
                                base + "?format=html",
                                base + "?format=pdf"));
        return events.create(ReportPublished.AGGREGATE, report.periodId(), published);
    }

    private PeriodReport read(String stored) {
        return json.readValue(stored, PeriodReport.class);
    }

    private String hash(PeriodReport figures) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(
                                    json.writeValueAsString(figures)
                                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static ReportPeriod period(String periodId) {
        try {
            return ReportPeriod.parse(periodId);
        } catch (IllegalArgumentException invalid) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "report-period-invalid", String.valueOf(periodId));
        }
    }

    /**
     * When a report is published, to the millisecond: the store keeps dates to the millisecond, and
     * the frozen report, the list of published reports and the event must all say the same instant.
     */
    private Instant publicationInstant() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
