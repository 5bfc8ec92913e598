package coop.cluster.finance.ledger.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.ledger.domain.CanonicalEntry;
import coop.cluster.finance.ledger.domain.Conversion;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.ledger.domain.Seal;
import coop.cluster.finance.ledger.domain.SealChain;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class JournalDocumentsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Instant AT = Instant.parse("2026-03-14T10:15:30.123Z");

    @Test
    void anEntryRoundTripsWithDecimalStringsAndItsSequenceAsId() {
        JournalEntry entry =
                JournalEntry.of(
                        "e-1",
                        "key 1",
                        DAY,
                        "Donation",
                        List.of(
                                Posting.debit("1000", Money.of("1000.5", "EUR")),
                                Posting.credit("4100", Money.of("1000.50", "EUR"))));

        Document document = JournalDocuments.toDocument(new StoredEntry(7, entry, AT));

        assertThat(document.get("_id")).isEqualTo(7L);
        assertThat(document.getList("postings", Document.class))
                .extracting(posting -> posting.get("amount"))
                .containsExactly("1000.50", "1000.50");
        StoredEntry back = JournalDocuments.toEntry(document);
        assertThat(back).isEqualTo(new StoredEntry(7, entry, AT));
    }

    @Test
    void aConvertingEntryAndItsReversalRoundTrip() {
        JournalEntry converting =
                JournalEntry.converting(
                        "fx-1",
                        "fx",
                        DAY,
                        "Pay a US supplier",
                        List.of(
                                Posting.debit("6100", Money.of("100.00", "USD")),
                                Posting.credit("1000", Money.of("92.00", "EUR"))),
                        List.of(
                                new Conversion(
                                        Money.of("92.00", "EUR"), Money.of("100.00", "USD"))));
        JournalEntry reversal = converting.reversal("fx-1-r", "fx-r", DAY.plusDays(1));

        for (JournalEntry entry : List.of(converting, reversal)) {
            StoredEntry stored = new StoredEntry(3, entry, AT);
            assertThat(JournalDocuments.toEntry(JournalDocuments.toDocument(stored)))
                    .isEqualTo(stored);
        }
    }

    @Test
    void theHeadKeepsAccountCodesAsValuesSoDotsAndColonsAreSafe() {
        Map<String, Money> balances =
                Map.of(
                        "1000",
                        Money.of("12.30", "EUR"),
                        "1100:M:acme.coop",
                        Money.of("5.00", "EUR"));
        Map<Currency, Money> conversions =
                Map.of(Currency.getInstance("USD"), Money.of("-100.00", "USD"));

        Document document =
                JournalDocuments.headFields(42, balances, conversions, AT)
                        .append("_id", "cluster")
                        .append("version", 3L);

        assertThat(document.getList("balances", Document.class))
                .extracting(balance -> balance.get("account"))
                .containsExactlyInAnyOrder("1000", "1100:M:acme.coop");
        assertThat(JournalDocuments.toHead(document))
                .isEqualTo(new StoredHead(42, balances, conversions, 3, AT));
    }

    @Test
    void anEntryReadForTheSealHasTheSameCanonicalFormAsTheEntryPosted() {
        JournalEntry converting =
                JournalEntry.converting(
                        "fx-1",
                        "fx",
                        DAY,
                        "Pay a \"US\" supplier\n",
                        List.of(
                                Posting.debit("6100", Money.of("100", "USD")),
                                Posting.credit("1000", Money.of("92.0", "EUR"))),
                        List.of(
                                new Conversion(
                                        Money.of("92.00", "EUR"), Money.of("100.00", "USD"))));

        SealChain.Entry read =
                JournalDocuments.toSealed(
                        JournalDocuments.toDocument(new StoredEntry(9, converting, AT)));

        assertThat(read.sequence()).isEqualTo(9);
        assertThat(read.date()).isEqualTo(DAY);
        assertThat(read.canonical()).isEqualTo(CanonicalEntry.of(9, converting));
    }

    @Test
    void aDocumentChangedInTheStoreStillReadsForTheSealButDiffers() {
        JournalEntry entry =
                JournalEntry.of(
                        "e-1",
                        "k",
                        DAY,
                        "Donation",
                        List.of(
                                Posting.debit("1000", Money.of("10.00", "EUR")),
                                Posting.credit("4100", Money.of("10.00", "EUR"))));
        Document document = JournalDocuments.toDocument(new StoredEntry(4, entry, AT));
        document.getList("postings", Document.class).getFirst().put("amount", 11);
        document.put("effectiveDate", "not a date");

        SealChain.Entry read = JournalDocuments.toSealed(document);

        assertThat(read.date()).isNull();
        assertThat(read.canonical().postings().getFirst().amount()).isEqualTo("11");
        assertThat(read.canonical()).isNotEqualTo(CanonicalEntry.of(4, entry));
    }

    @Test
    void aClosingRoundTripsWithItsReservedIdAndKey() {
        Seal seal =
                new Seal(
                        "2026-Q1",
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 3, 31),
                        Seal.GENESIS,
                        "a".repeat(64),
                        12,
                        3,
                        40);
        StoredClosing closing = new StoredClosing(41, seal, AT, "fred");

        Document document = JournalDocuments.toDocument(closing);

        assertThat(document.get("_id")).isEqualTo(41L);
        assertThat(document.getString("kind")).isEqualTo("period-close");
        assertThat(document.getString("entryId")).isEqualTo("period-close:2026-Q1");
        assertThat(document.getString("idempotencyKey")).isEqualTo("period-close:2026-Q1");
        assertThat(JournalDocuments.toRecord(document)).isEqualTo(closing);
        assertThat(JournalDocuments.toSealedClosing(document))
                .isEqualTo(new SealChain.Closing(41, seal));
        document.remove("sealHash");
        assertThat(JournalDocuments.toSealedClosing(document).seal().hash()).isEmpty();
    }
}
