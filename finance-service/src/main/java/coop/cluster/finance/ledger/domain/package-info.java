/**
 * The pure core of the finance ledger: money, accounts, the chart, journal entries and an in-memory
 * ledger. Plain Java only: no framework, no persistence, no JSON.
 *
 * <p>The invariants, in the spirit of TigerBeetle's and Formance's (stated here in our own terms):
 *
 * <ol>
 *   <li>Amounts are exact decimals at the currency's minor unit; nothing is ever rounded.
 *   <li>Every entry balances: per currency, debits equal credits. Currencies only mix through an
 *       explicitly recorded {@link coop.cluster.finance.ledger.domain.Conversion}.
 *   <li>Hence, over all entries, debits equal credits per currency (the trial balance is zero).
 *   <li>Entries are append-only; a correction is a reversal, which is never itself reversed.
 *   <li>Every entry carries an idempotency key: the same key with the same content is a no-op, with
 *       other content a conflict.
 *   <li>No account goes negative unless it is allowed to; an entry that would break any rule is
 *       refused whole.
 *   <li>Balances come from the entries alone: replaying the same entries gives the same balances.
 * </ol>
 *
 * Every refusal is a {@link coop.cluster.finance.ledger.domain.LedgerViolation} with a stable code.
 */
package coop.cluster.finance.ledger.domain;
