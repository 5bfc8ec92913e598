package coop.cluster.finance.reconciliation.web;

import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.reconciliation.LineMatch;
import coop.cluster.finance.reconciliation.Reconciliation;
import coop.cluster.finance.reconciliation.StatementSummary;
import coop.cluster.finance.reconciliation.StoredStatement;
import coop.cluster.finance.reconciliation.domain.BalanceCheck;
import coop.cluster.finance.reconciliation.domain.BalanceDifference;
import coop.cluster.finance.reconciliation.domain.BalanceExplanation;
import coop.cluster.finance.reconciliation.domain.BankMovement;
import coop.cluster.finance.reconciliation.domain.BankStatement;
import coop.cluster.finance.reconciliation.domain.StatementLine;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * A statement with its reconciliation, as the API shows it; amounts are decimal strings, signed
 * (positive: money in). The records have schema names of their own, so that the OpenAPI does not
 * mix them up with other services' pages and views of the same simple name.
 */
@Schema(name = "ReconciliationStatement")
record StatementView(
        String id,
        String format,
        String statementId,
        String account,
        String currency,
        String openingBalance,
        String closingBalance,
        String from,
        String to,
        String importedAt,
        String importedBy,
        long matchingVersion,
        String matchedAt,
        Summary summary,
        BalanceView balanceCheck,
        List<LineView> lines,
        List<EntryView> unmatchedEntries,
        boolean replayed) {

    /** What the lines of a batched booking are matched by. */
    static final String BATCH = "BATCH";

    @Schema(name = "ReconciliationStatementCounts")
    record Summary(int lines, int matchedLines, int unmatchedLines, int unmatchedEntries) {}

    /**
     * @param differences the statement lines and ledger entries that make the balances differ, each
     *     with what it adds to {@code difference}; null for a reconciliation stored before they
     *     were kept (match again)
     * @param unexplained {@code difference} less every cause: zero unless an entry of the period
     *     was reversed outside it
     */
    @Schema(name = "ReconciliationBalanceCheck")
    record BalanceView(
            String asOf,
            String ledgerBalance,
            String statementBalance,
            String difference,
            boolean agrees,
            List<DifferenceView> differences,
            String unexplained) {

        static BalanceView of(BalanceCheck check, BalanceExplanation explanation) {
            return new BalanceView(
                    check.asOf().toString(),
                    StatementView.decimal(check.ledgerBalance()),
                    StatementView.decimal(check.statementBalance()),
                    StatementView.decimal(check.difference()),
                    check.agrees(),
                    explanation == null
                            ? null
                            : explanation.differences().stream().map(DifferenceView::of).toList(),
                    explanation == null ? null : StatementView.decimal(explanation.unexplained()));
        }
    }

    /**
     * One cause of the difference: {@code kind} OPENING_BALANCE, LINE_NOT_IN_LEDGER,
     * LINE_ENTRY_BEFORE_PERIOD, LINE_ENTRY_AFTER_CLOSING, ENTRY_NOT_ON_STATEMENT or
     * ENTRY_ON_OTHER_STATEMENT; {@code amount}: what it adds to the difference (statement less
     * ledger).
     */
    @Schema(name = "ReconciliationBalanceDifference")
    record DifferenceView(
            String kind,
            String amount,
            Integer line,
            String bookingDate,
            Long entrySequence,
            String entryId,
            String entryDate,
            String otherStatement,
            String otherStatementId,
            Integer otherLine) {

        static DifferenceView of(BalanceDifference difference) {
            return new DifferenceView(
                    difference.kind().name(),
                    decimal(difference.amount()),
                    difference.line(),
                    date(difference.bookingDate()),
                    difference.entrySequence(),
                    difference.entryId(),
                    date(difference.entryDate()),
                    difference.otherStatement(),
                    difference.otherStatementId(),
                    difference.otherLine());
        }
    }

    /**
     * @param status {@code MATCHED} or {@code UNMATCHED}
     * @param entrySequence the entry it matched; null when unmatched or matched to several (a
     *     batch)
     * @param matchedBy the basis, {@code BATCH} for a batched booking matched to several entries,
     *     null when unmatched
     * @param entries every entry it matched (several for a batch, their amounts adding up to the
     *     line's)
     */
    @Schema(name = "ReconciliationStatementLine")
    record LineView(
            int line,
            String bookingDate,
            String valueDate,
            String amount,
            String reference,
            String counterparty,
            String bankTransactionId,
            String status,
            Long entrySequence,
            String entryId,
            String matchedBy,
            List<MatchedEntryView> entries) {}

    @Schema(name = "ReconciliationMatchedEntry")
    record MatchedEntryView(
            long entrySequence, String entryId, String entryDate, String amount, String matchedBy) {

        static MatchedEntryView of(LineMatch.Entry entry) {
            return new MatchedEntryView(
                    entry.sequence(),
                    entry.entryId(),
                    entry.entryDate().toString(),
                    decimal(entry.amount()),
                    entry.basis().name());
        }
    }

    @Schema(name = "ReconciliationLedgerEntry")
    record EntryView(
            long sequence, String entryId, String date, String amount, String description) {

        static EntryView of(BankMovement movement) {
            return new EntryView(
                    movement.sequence(),
                    movement.entryId(),
                    movement.date().toString(),
                    StatementView.decimal(movement.amount()),
                    movement.description());
        }
    }

    /** A page of the list: {@code total} is the number of statements imported. */
    @Schema(name = "ReconciliationStatementPage")
    record Page(List<SummaryView> items, int page, int size, long total) {}

    @Schema(name = "ReconciliationStatementListItem")
    record SummaryView(
            String id,
            String format,
            String statementId,
            String account,
            String currency,
            String from,
            String to,
            String closingBalance,
            String importedAt,
            int lines,
            int matchedLines,
            int unmatchedEntries,
            boolean balanceAgrees) {

        static SummaryView of(StatementSummary summary) {
            return new SummaryView(
                    summary.id(),
                    summary.format().tag(),
                    summary.statementId(),
                    summary.account(),
                    summary.currency(),
                    summary.from().toString(),
                    summary.to().toString(),
                    summary.closingBalance(),
                    summary.importedAt().toString(),
                    summary.lines(),
                    summary.matchedLines(),
                    summary.unmatchedEntries(),
                    summary.balanceAgrees());
        }
    }

    /**
     * The answer for a file of several statements: one summary per statement, in the file's order.
     *
     * @param created how many were imported by this request
     * @param replayed how many had been imported already (the same statement: 200 for it)
     */
    @Schema(name = "ReconciliationFileImport")
    record FileView(List<ImportedView> statements, int created, int replayed) {}

    /**
     * @param status {@code CREATED} or {@code REPLAYED}
     * @param location where the statement is read
     */
    @Schema(name = "ReconciliationImportedStatement")
    record ImportedView(
            String id,
            String status,
            String location,
            String statementId,
            String account,
            String currency,
            String from,
            String to,
            String openingBalance,
            String closingBalance,
            int lines,
            int matchedLines,
            int unmatchedLines,
            int unmatchedEntries,
            boolean balanceAgrees,
            String difference) {

        static ImportedView of(StoredStatement stored, boolean created, String location) {
            BankStatement statement = stored.statement();
            Reconciliation reconciliation = stored.reconciliation();
            int matched = reconciliation.matches().size();
            return new ImportedView(
                    stored.id(),
                    created ? "CREATED" : "REPLAYED",
                    location,
                    statement.statementId(),
                    statement.account(),
                    statement.currency().getCurrencyCode(),
                    statement.from().toString(),
                    statement.to().toString(),
                    statement.openingBalance() == null ? null : decimal(statement.openingBalance()),
                    decimal(statement.closingBalance()),
                    statement.lines().size(),
                    matched,
                    statement.lines().size() - matched,
                    reconciliation.unmatchedEntries().size(),
                    reconciliation.balance().agrees(),
                    decimal(reconciliation.balance().difference()));
        }
    }

    static StatementView of(StoredStatement stored, boolean replayed) {
        BankStatement statement = stored.statement();
        Reconciliation reconciliation = stored.reconciliation();
        List<LineView> lines =
                statement.lines().stream().map(line -> line(line, reconciliation)).toList();
        int matched = reconciliation.matches().size();
        return new StatementView(
                stored.id(),
                statement.format().tag(),
                statement.statementId(),
                statement.account(),
                statement.currency().getCurrencyCode(),
                statement.openingBalance() == null
                        ? null
                        : StatementView.decimal(statement.openingBalance()),
                StatementView.decimal(statement.closingBalance()),
                statement.from().toString(),
                statement.to().toString(),
                stored.importedAt().toString(),
                stored.importedBy(),
                reconciliation.version(),
                reconciliation.ranAt().toString(),
                new Summary(
                        lines.size(),
                        matched,
                        lines.size() - matched,
                        reconciliation.unmatchedEntries().size()),
                BalanceView.of(reconciliation.balance(), reconciliation.explanation()),
                lines,
                reconciliation.unmatchedEntries().stream().map(EntryView::of).toList(),
                replayed);
    }

    private static LineView line(StatementLine line, Reconciliation reconciliation) {
        LineMatch match = reconciliation.matches().get(line.number());
        boolean single = match != null && !match.batch();
        return new LineView(
                line.number(),
                line.bookingDate().toString(),
                line.valueDate() == null ? null : line.valueDate().toString(),
                StatementView.decimal(line.amount()),
                line.reference(),
                line.counterparty(),
                line.bankTransactionId(),
                match == null ? "UNMATCHED" : "MATCHED",
                single ? match.first().sequence() : null,
                single ? match.first().entryId() : null,
                match == null ? null : single ? match.first().basis().name() : BATCH,
                match == null
                        ? List.of()
                        : match.entries().stream().map(MatchedEntryView::of).toList());
    }

    static String decimal(Money money) {
        return money.amount().toPlainString();
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
