package coop.cluster.finance.ledger.domain;

import static coop.cluster.finance.ledger.domain.Fixtures.assertViolation;
import static coop.cluster.finance.ledger.domain.Fixtures.eur;
import static coop.cluster.finance.ledger.domain.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The canonical form of an entry, the seal's hash over it, and the ledger's closed-through rule.
 */
class SealTest {

    private static final LocalDate MARCH_14 = LocalDate.of(2026, 3, 14);

    @Test
    void theCanonicalFormIsRfc8785JsonWithSortedKeysAndAmountsAtTheCurrencyScale() {
        JournalEntry entry =
                JournalEntry.of(
                        "e-1",
                        "key-1",
                        MARCH_14,
                        "Fees, March",
                        List.of(
                                Posting.debit(ChartOfAccounts.BANK, eur("12.5")),
                                Posting.credit(ChartOfAccounts.FEE_INCOME, eur("12.50"))));

        assertThat(CanonicalEntry.of(7, entry).canonical())
                .isEqualTo(
                        """
                        {"conversions":[],"date":"2026-03-14","description":"Fees, March","entryId":"e-1",\
                        "idempotencyKey":"key-1","postings":[{"account":"1000","amount":"12.50","currency":"EUR",\
                        "side":"DEBIT"},{"account":"4000","amount":"12.50","currency":"EUR","side":"CREDIT"}],\
                        "reverses":null,"sequence":7}\
                        """);
    }

    @Test
    void conversionsAndReversalsAreInTheFormInTheirStoredOrder() {
        JournalEntry exchange =
                JournalEntry.converting(
                        "x-1",
                        "key-x",
                        MARCH_14,
                        "Buy dollars",
                        List.of(
                                Posting.debit("1010", usd("11.00")),
                                Posting.credit(ChartOfAccounts.BANK, eur("10.00"))),
                        List.of(new Conversion(eur("10.00"), usd("11.00"))));
        JournalEntry reversal = exchange.reversal("x-2", "key-x2", MARCH_14);

        assertThat(CanonicalEntry.of(1, exchange).canonical())
                .startsWith(
                        """
                        {"conversions":[{"fromAmount":"10.00","fromCurrency":"EUR","toAmount":"11.00","toCurrency":"USD"}],\
                        """);
        assertThat(CanonicalEntry.of(2, reversal).canonical())
                .contains("\"reverses\":\"x-1\"")
                .contains("\"description\":\"Reversal of entry x-1\"")
                .contains(
                        "{\"fromAmount\":\"11.00\",\"fromCurrency\":\"USD\",\"toAmount\":\"10.00\"");
    }

    @Test
    void stringsAreEscapedAsRfc8785Says() {
        CanonicalEntry entry =
                new CanonicalEntry(
                        1,
                        "e",
                        "k",
                        "2026-03-14",
                        "a\"b\\c\nd\te\u0001f é €" + " \uD83D\uDE00 \uD800",
                        List.of(),
                        null,
                        List.of());

        assertThat(entry.canonical())
                .contains(
                        "\"description\":\"a\\\"b\\\\c\\nd\\te\\u0001f é € \uD83D\uDE00 "
                                + "\\ud800\"");
    }

    @Test
    void theHashIsSha256OverTheCanonicalSealDocumentInUtf8() throws Exception {
        JournalEntry entry =
                JournalEntry.of(
                        "e-1",
                        "key-1",
                        MARCH_14,
                        "Dons – été",
                        List.of(
                                Posting.debit(ChartOfAccounts.BANK, eur("5")),
                                Posting.credit(ChartOfAccounts.DONATIONS, eur("5"))));
        CanonicalEntry canonical = CanonicalEntry.of(3, entry);
        String document =
                "{\"entries\":["
                        + canonical.canonical()
                        + "],\"from\":\"2026-01-01\",\"periodId\":"
                        + "\"2026-Q1\",\"previousHash\":\""
                        + Seal.GENESIS
                        + "\",\"to\":\"2026-03-31\"}";
        String expected =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(document.getBytes(StandardCharsets.UTF_8)));

        Seal seal =
                Seal.of(
                        Seal.GENESIS,
                        "2026-Q1",
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 3, 31),
                        List.of(canonical));

        assertThat(seal.hash()).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(Seal.GENESIS).isEqualTo("0".repeat(64));
        assertThat(seal.entryCount()).isEqualTo(1);
        assertThat(seal.firstSequence()).isEqualTo(3);
        assertThat(seal.lastSequence()).isEqualTo(3);
        assertThat(
                        Seal.of(
                                        Seal.GENESIS,
                                        "2026-Q1",
                                        LocalDate.of(2026, 1, 1),
                                        LocalDate.of(2026, 3, 31),
                                        List.of())
                                .hash())
                .isEqualTo(
                        HexFormat.of()
                                .formatHex(
                                        MessageDigest.getInstance("SHA-256")
                                                .digest(
                                                        ("{\"entries\":[],\"from\":\"2026-01-01\",\"periodId\":\"2026-Q1\",\"previousHash\":\""
                                                                        + Seal.GENESIS
                                                                        + "\",\"to\":\"2026-03-31\"}")
                                                                .getBytes(
                                                                        StandardCharsets.UTF_8))));
    }

    @Test
    void everyFieldAndThePreviousHashChangeTheHash() {
        CanonicalEntry base =
                new CanonicalEntry(
                        1,
                        "e",
                        "k",
                        "2026-03-14",
                        "d",
                        List.of(
                                new CanonicalEntry.PostingLine("1000", "DEBIT", "1.00", "EUR"),
                                new CanonicalEntry.PostingLine("4000", "CREDIT", "1.00", "EUR")),
                        null,
                        List.of());
        LocalDate from = LocalDate.of(2026, 3, 1);
        LocalDate to = LocalDate.of(2026, 3, 31);
        String hash = Seal.hash(Seal.GENESIS, "2026-03", from, to, List.of(base));
        List<CanonicalEntry> changed =
                List.of(
                        new CanonicalEntry(
                                2, "e", "k", "2026-03-14", "d", base.postings(), null, List.of()),
                        new CanonicalEntry(
                                1, "e", "k", "2026-03-15", "d", base.postings(), null, List.of()),
                        new CanonicalEntry(
                                1, "e", "k", "2026-03-14", "d ", base.postings(), null, List.of()),
                        new CanonicalEntry(
                                1,
                                "e",
                                "k",
                                "2026-03-14",
                                "d",
                                List.of(
                                        new CanonicalEntry.PostingLine(
                                                "1000", "DEBIT", "1.0", "EUR"),
                                        base.postings().get(1)),
                                null,
                                List.of()),
                        new CanonicalEntry(
                                1,
                                "e",
                                "k",
                                "2026-03-14",
                                "d",
                                List.of(base.postings().get(1), base.postings().get(0)),
                                null,
                                List.of()));
        for (CanonicalEntry other : changed) {
            assertThat(Seal.hash(Seal.GENESIS, "2026-03", from, to, List.of(other)))
                    .isNotEqualTo(hash);
        }
        assertThat(Seal.hash("1".repeat(64), "2026-03", from, to, List.of(base)))
                .isNotEqualTo(hash);
        assertThat(Seal.hash(Seal.GENESIS, "2026-Q1", from, to, List.of(base))).isNotEqualTo(hash);
        assertThat(Seal.hash(Seal.GENESIS, "2026-03", from.plusDays(1), to, List.of(base)))
                .isNotEqualTo(hash);
        assertThat(Seal.hash(Seal.GENESIS, "2026-03", from, to, List.of())).isNotEqualTo(hash);
        assertThat(Seal.hash(Seal.GENESIS, "2026-03", from, to, List.of(base)))
                .as("deterministic")
                .isEqualTo(hash);
    }

    @Test
    void aSealCoversTheDaysAfterThePreviousClosingAndTheFirstReachesBackToTheEarliestEntry() {
        JournalEntry december = dated("e-1", LocalDate.of(2025, 12, 20));
        JournalEntry february = dated("e-2", LocalDate.of(2026, 2, 2));
        JournalEntry april = dated("e-3", LocalDate.of(2026, 4, 1));
        List<SealChain.Entry> journal =
                List.of(entry(1, december), entry(2, april), entry(3, february));

        Seal first =
                SealChain.seal(
                        Optional.empty(),
                        "2026-Q1",
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 3, 31),
                        journal);
        Seal second =
                SealChain.seal(
                        Optional.of(first),
                        "2026-04",
                        LocalDate.of(2026, 4, 1),
                        LocalDate.of(2026, 4, 30),
                        journal);

        assertThat(first.from()).isEqualTo(LocalDate.of(2025, 12, 20));
        assertThat(first.entryCount()).isEqualTo(2);
        assertThat(first.firstSequence()).isEqualTo(1);
        assertThat(first.lastSequence()).isEqualTo(3);
        assertThat(first.previousHash()).isEqualTo(Seal.GENESIS);
        assertThat(second.from()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(second.entryCount()).isEqualTo(1);
        assertThat(second.firstSequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(
                        SealChain.verify(
                                journal,
                                List.of(
                                        new SealChain.Closing(4, first),
                                        new SealChain.Closing(5, second))))
                .isEqualTo(new SealChain.Verification(true, 2, Optional.empty()));
    }

    @Test
    void aClosedLedgerRefusesEntriesDatedOnOrBeforeItsLastClosedDayButReplaysEarlierOnes() {
        Ledger ledger = Ledger.empty(ChartOfAccounts.standard(Fixtures.EUR));
        JournalEntry march = dated("e-1", LocalDate.of(2026, 3, 31));
        ledger.post(march);
        ledger.closeThrough(LocalDate.of(2026, 3, 31));

        assertViolation(
                () -> ledger.post(dated("e-2", LocalDate.of(2026, 3, 31))), "period-closed");
        assertViolation(
                () -> ledger.post(march.reversal("e-3", "key-e-3", LocalDate.of(2026, 3, 1))),
                "period-closed");
        assertThat(ledger.post(march).replayed()).as("a retry of an entry already posted").isTrue();
        assertThat(
                        ledger.post(march.reversal("e-4", "key-e-4", LocalDate.of(2026, 4, 1)))
                                .replayed())
                .isFalse();
        assertThat(ledger.closedThrough()).contains(LocalDate.of(2026, 3, 31));
        assertViolation(
                () -> ledger.closeThrough(LocalDate.of(2026, 2, 28)), "period-already-closed");
        assertViolation(
                () -> ledger.closeThrough(LocalDate.of(2026, 3, 31)), "period-already-closed");
        ledger.closeThrough(LocalDate.of(2026, 4, 30));
        assertThat(ledger.closedThrough()).contains(LocalDate.of(2026, 4, 30));
    }

    @Test
    void entryIdsAndKeysOfClosingsAreReserved() {
        assertViolation(
                () ->
                        JournalEntry.of(
                                "period-close:2026-Q1",
                                "k",
                                MARCH_14,
                                "d",
                                List.of(
                                        Posting.debit(ChartOfAccounts.BANK, eur("1")),
                                        Posting.credit(ChartOfAccounts.DONATIONS, eur("1")))),
                "entry-invalid");
        assertViolation(
                () ->
                        JournalEntry.of(
                                "e",
                                "period-close:2026-Q1",
                                MARCH_14,
                                "d",
                                List.of(
                                        Posting.debit(ChartOfAccounts.BANK, eur("1")),
                                        Posting.credit(ChartOfAccounts.DONATIONS, eur("1")))),
                "idempotency-key-invalid");
    }

    private static JournalEntry dated(String id, LocalDate date) {
        return JournalEntry.of(
                id,
                "key-" + id,
                date,
                "entry " + id,
                List.of(
                        Posting.debit(ChartOfAccounts.BANK, eur("10")),
                        Posting.credit(ChartOfAccounts.DONATIONS, eur("10"))));
    }

    private static SealChain.Entry entry(long sequence, JournalEntry entry) {
        return new SealChain.Entry(
                sequence, entry.effectiveDate(), CanonicalEntry.of(sequence, entry));
    }
}
