package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Why a statement's closing balance and the ledger's bank balance on its closing date differ: the
 * statement lines and the ledger entries that cause the difference, each with what it adds to it
 * (statement less ledger).
 *
 * <p>With {@code S} the statement's closing balance, {@code O} its opening balance (given, or
 * {@code S} less its lines), {@code L(d)} the ledger's bank balance at the end of day {@code d},
 * {@code from}-{@code to} the period:
 *
 * <pre>
 * S - L(to) = (O - L(from - 1))                          OPENING_BALANCE
 *           + lines matched to no entry                  LINE_NOT_IN_LEDGER
 *           + lines matched to entries before from       LINE_ENTRY_BEFORE_PERIOD
 *           + lines matched to entries after to          LINE_ENTRY_AFTER_CLOSING
 *           - entries of from..to matched by no line     ENTRY_NOT_ON_STATEMENT
 *           - entries of from..to matched on another     ENTRY_ON_OTHER_STATEMENT
 *             statement
 *           + unexplained
 * </pre>
 *
 * Lines matched to entries of the period cancel out (a batch's entries add up to its line). {@code
 * unexplained} is zero but for an entry of the period reversed outside it (or the other way round):
 * matching leaves reversed entries and their reversals out, while the ledger's balance counts both.
 *
 * @param differences the causes, none of them zero: the opening balance first, then by line, then
 *     by entry
 * @param unexplained the difference less every cause
 */
public record BalanceExplanation(List<BalanceDifference> differences, Money unexplained) {

    public BalanceExplanation {
        differences = List.copyOf(differences);
        Objects.requireNonNull(unexplained, "unexplained");
    }

    /** An entry of the period that a line of another statement took. */
    public record Claimed(BankMovement entry, String statement, String statementId, int line) {}

    /**
     * @param matched this statement's matches
     * @param unmatched the ledger's bank movements no line of this statement took (any date)
     * @param elsewhere the movements lines of other statements took (any date)
     * @param ledgerOpening the ledger's bank balance at the end of the day before the period
     * @param ledgerClosing the ledger's bank balance at the end of the closing date
     */
    public static BalanceExplanation of(
            BankStatement statement,
            StatementMatcher.Result matched,
            List<BankMovement> unmatched,
            List<Claimed> elsewhere,
            Money ledgerOpening,
            Money ledgerClosing) {
        LocalDate from = statement.from();
        LocalDate to = statement.to();
        List<BalanceDifference> causes = new ArrayList<>();
        Money lines = Money.zero(statement.currency());
        for (StatementLine line : statement.lines()) {
            lines = lines.add(line.amount());
        }
        Money opening = statement.closingBalance().subtract(lines).subtract(ledgerOpening);
        if (!opening.isZero()) {
            causes.add(BalanceDifference.opening(opening));
        }
        statement.lines().stream()
                .sorted(Comparator.comparingInt(StatementLine::number))
                .forEach(
                        line -> {
                            StatementMatcher.Match match = matched.byLine().get(line.number());
                            if (match == null) {
                                causes.add(
                                        BalanceDifference.line(
                                                BalanceDifference.Kind.LINE_NOT_IN_LEDGER,
                                                line,
                                                line.amount(),
                                                null));
                                return;
                            }
                            for (StatementMatcher.Part part : match.parts()) {
                                BankMovement entry = part.movement();
                                if (entry.date().isBefore(from)) {
                                    causes.add(
                                            BalanceDifference.line(
                                                    BalanceDifference.Kind.LINE_ENTRY_BEFORE_PERIOD,
                                                    line,
                                                    entry.amount(),
                                                    entry));
                                } else if (entry.date().isAfter(to)) {
                                    causes.add(
                                            BalanceDifference.line(
                                                    BalanceDifference.Kind.LINE_ENTRY_AFTER_CLOSING,
                                                    line,
                                                    entry.amount(),
                                                    entry));
                                }
                            }
                        });
        List<BalanceDifference> entries = new ArrayList<>();
        unmatched.stream()
                .filter(entry -> StatementMatcher.within(entry.date(), from, to))
                .forEach(entry -> entries.add(BalanceDifference.entry(entry)));
        elsewhere.stream()
                .filter(claim -> StatementMatcher.within(claim.entry().date(), from, to))
                .forEach(
                        claim ->
                                entries.add(
                                        BalanceDifference.elsewhere(
                                                claim.entry(),
                                                claim.statement(),
                                                claim.statementId(),
                                                claim.line())));
        entries.sort(
                Comparator.comparing(BalanceDifference::entryDate)
                        .thenComparing(BalanceDifference::entrySequence));
        causes.addAll(entries);
        Money unexplained = statement.closingBalance().subtract(ledgerClosing);
        for (BalanceDifference cause : causes) {
            unexplained = unexplained.subtract(cause.amount());
        }
        return new BalanceExplanation(causes, unexplained);
    }
}
