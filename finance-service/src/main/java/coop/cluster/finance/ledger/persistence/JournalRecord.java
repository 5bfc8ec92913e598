package coop.cluster.finance.ledger.persistence;

/** A document of the journal: an entry or a period's closing, each at its own sequence. */
public sealed interface JournalRecord permits StoredEntry, StoredClosing {

    long sequence();
}
