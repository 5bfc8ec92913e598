package coop.cluster.finance.reconciliation;

import coop.cluster.finance.reconciliation.domain.StatementFormat;
import java.time.Instant;
import java.time.LocalDate;

/** A statement in a list: who, when, and how far it is reconciled. */
public record StatementSummary(
        String id,
        StatementFormat format,
        String statementId,
        String account,
        String currency,
        LocalDate from,
        LocalDate to,
        String closingBalance,
        Instant importedAt,
        int lines,
        int matchedLines,
        int unmatchedEntries,
        boolean balanceAgrees) {}
