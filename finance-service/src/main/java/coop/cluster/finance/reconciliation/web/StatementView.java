package coop.cluster.finance.reconciliation.web;

import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.reconciliation.LineMatch;
import coop.cluster.finance.reconciliation.Reconciliation;
import coop.cluster.finance.reconciliation.StatementSummary;
import coop.cluster.finance.reconciliation.StoredStatement;
import coop.cluster.finance.reconciliation.domain.BalanceCheck;
import coop.cluster.finance.reconciliation.domain.BankMovement;
import coop.cluster.finance.reconciliation.domain.BankStatement;
import coop.cluster.finance.reconciliation.domain.StatementLine;
import java.util.List;

/**
 * A statement with its reconciliation, as the API shows it; amounts are decimal strings, signed (positive: money
 * in).
 */
record StatementView(String id, String format, String statementId, String account, String currency,
                     String openingBalance, String closingBalance, String from, String to, String importedAt,
                     String importedBy, long matchingVersion, String matchedAt, Summary summary,
                     BalanceView balanceCheck, List<LineView> lines, List<EntryView> unmatchedEntries,
                     boolean replayed) {

    record Summary(int lines, int matchedLines, int unmatchedLines, int unmatchedEntries) {
    }

    record BalanceView(String asOf, String ledgerBalance, String statementBalance, String difference,
                       boolean agrees) {

        static BalanceView of(BalanceCheck check) {
            return new BalanceView(check.asOf().toString(), StatementView.decimal(check.ledgerBalance()),
                    StatementView.decimal(check.statementBalance()), StatementView.decimal(check.difference()), check.agrees());
        }
    }

    /** @param status {@code MATCHED} or {@code UNMATCHED}; the entry fields are null when unmatched */
    record LineView(int line, String bookingDate, String valueDate, String amount, String reference,
                    String counterparty, String bankTransactionId, String status, Long entrySequence,
                    String entryId, String matchedBy) {
    }

    record EntryView(long sequence, String entryId, String date, String amount, String description) {

        static EntryView of(BankMovement movement) {
            return new EntryView(movement.sequence(), movement.entryId(), movement.date().toString(),
                    StatementView.decimal(movement.amount()), movement.description());
        }
    }

    record Page(List<SummaryView> items, int page, int size, long total) {
    }

    record SummaryView(String id, String format, String statementId, String account, String currency, String from,
                       String to, String closingBalance, String importedAt, int lines, int matchedLines,
                       int unmatchedEntries, boolean balanceAgrees) {

        static SummaryView of(StatementSummary summary) {
            return new SummaryView(summary.id(), summary.format().tag(), summary.statementId(), summary.account(),
                    summary.currency(), summary.from().toString(), summary.to().toString(),
                    summary.closingBalance(), summary.importedAt().toString(), summary.lines(),
                    summary.matchedLines(), summary.unmatchedEntries(), summary.balanceAgrees());
        }
    }

    static StatementView of(StoredStatement stored, boolean replayed) {
        BankStatement statement = stored.statement();
        Reconciliation reconciliation = stored.reconciliation();
        List<LineView> lines = statement.lines().stream().map(line -> line(line, reconciliation)).toList();
        int matched = reconciliation.matches().size();
        return new StatementView(stored.id(), statement.format().tag(), statement.statementId(), statement.account(),
                statement.currency().getCurrencyCode(),
                statement.openingBalance() == null ? null : StatementView.decimal(statement.openingBalance()),
                StatementView.decimal(statement.closingBalance()), statement.from().toString(), statement.to().toString(),
                stored.importedAt().toString(), stored.importedBy(), reconciliation.version(),
                reconciliation.ranAt().toString(),
                new Summary(lines.size(), matched, lines.size() - matched, reconciliation.unmatchedEntries().size()),
                BalanceView.of(reconciliation.balance()), lines,
                reconciliation.unmatchedEntries().stream().map(EntryView::of).toList(), replayed);
    }

    private static LineView line(StatementLine line, Reconciliation reconciliation) {
        LineMatch match = reconciliation.matches().get(line.number());
        return new LineView(line.number(), line.bookingDate().toString(),
                line.valueDate() == null ? null : line.valueDate().toString(), StatementView.decimal(line.amount()),
                line.reference(), line.counterparty(), line.bankTransactionId(),
                match == null ? "UNMATCHED" : "MATCHED", match == null ? null : match.sequence(),
                match == null ? null : match.entryId(), match == null ? null : match.basis().name());
    }

    static String decimal(Money money) {
        return money.amount().toPlainString();
    }
}
