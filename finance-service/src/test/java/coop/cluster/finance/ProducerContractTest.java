package coop.cluster.finance;

import coop.cluster.finance.fee.events.FeeInvoiced;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.ledger.events.EntryPosted;
import coop.cluster.finance.report.events.ReportPublished;
import coop.cluster.plumbing.events.EventDescriptor;
import coop.cluster.testing.contracts.EventContracts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The producer's side of the event contracts (docs/events.md, "Versioning"): every payload record
 * in this service's catalog, serialised with the outbox's JSON settings, conforms to its schema in
 * docs/asyncapi.yaml. A record component renamed, removed or retyped fails here: the schema's
 * required field goes missing or has the wrong type.
 */
class ProducerContractTest {

    private final EventContracts contracts = EventContracts.load();

    @Test
    void everyPublishedPayloadRecordConformsToItsSchema() {
        for (EventDescriptor event : new FinanceApplication().eventCatalog().descriptors()) {
            contracts.assertProduces(
                    event.ceType(), contracts.producerSample(event.ceType(), event.javaType()));
        }
    }

    @Test
    void theFieldsFinanceLeavesEmptyMayBeNull() {
        // an invoice without an exemption; an entry that reverses nothing; a report of a period not
        // sealed
        produce(
                FeeInvoiced.class,
                "cluster.finance.fee.invoiced.v1",
                "exemptionPercent",
                "exemptionResolutionId");
        produce(
                EntryPosted.class,
                "cluster.finance.ledger.entry-posted.v1",
                "reverses",
                "description");
        produce(ReportPublished.class, "cluster.finance.report.published.v1", "sealHash");
    }

    @Test
    void anEntryAndItsReversalAsTheJournalPublishesThem() {
        Money fee = Money.of("450.00", "EUR");
        JournalEntry entry =
                JournalEntry.of(
                        "E-2026-000001",
                        "fee-2026-atlas",
                        LocalDate.of(2026, 3, 2),
                        "Membership fee 2026",
                        List.of(
                                Posting.debit(ChartOfAccounts.BANK, fee),
                                Posting.credit(ChartOfAccounts.FEE_INCOME, fee)));
        Instant postedAt = Instant.parse("2026-03-02T10:15:30.123Z");
        contracts.assertProduces(
                "cluster.finance.ledger.entry-posted.v1", EntryPosted.of(1, entry, postedAt));
        contracts.assertProduces(
                "cluster.finance.ledger.entry-posted.v1",
                EntryPosted.of(
                        2,
                        entry.reversal(
                                "E-2026-000002",
                                "fee-2026-atlas-reversal",
                                LocalDate.of(2026, 3, 3)),
                        postedAt));
    }

    private void produce(Class<?> record, String type, String... nullPaths) {
        contracts.assertProduces(
                type, contracts.producerSample(type, record, EventContracts.nulls(nullPaths)));
    }
}
