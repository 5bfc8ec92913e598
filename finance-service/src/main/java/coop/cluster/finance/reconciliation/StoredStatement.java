package coop.cluster.finance.reconciliation;

import coop.cluster.finance.reconciliation.domain.BankStatement;
import java.time.Instant;

/**
 * An imported statement with its latest reconciliation.
 *
 * @param id derived from the statement's identity: the bank's statement id with the account, else
 *     the file's content hash; so a second import of the same statement finds the first
 * @param contentHash SHA-256 of the file as received, hex
 */
public record StoredStatement(
        String id,
        BankStatement statement,
        String contentHash,
        Instant importedAt,
        String importedBy,
        Reconciliation reconciliation) {}
