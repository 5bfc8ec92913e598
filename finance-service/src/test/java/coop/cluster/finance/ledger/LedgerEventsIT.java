package coop.cluster.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every entry written to the journal is announced once on {@code finance.ledger}, from the journal
 * document's own outbox: a replay, a refused entry publish nothing; the relay empties the outbox
 * once the broker has the event.
 */
@EmbeddedInfraTest
@SpringBootTest(classes = FinanceApplication.class)
class LedgerEventsIT {

    private static final TopicRecords RECORDS =
            new TopicRecords(EmbeddedInfra.shared().bootstrapServers());

    private static final String TOPIC = "finance.ledger";
    private static final String TYPE = "cluster.finance.ledger.entry-posted.v1";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final String BANK = ChartOfAccounts.BANK;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("finance_ledger_events_it"));
        TestIssuer.shared().register(registry);
    }

    @Autowired MongoTemplate mongo;

    @Autowired LedgerJournal journal;

    @Autowired EventFactory eventFactory;

    @Autowired MeterRegistry meters;

    @Test
    void publishesOneEntryPostedPerWrittenEntryAndEmptiesTheOutbox() {
        mongo.remove(new Query(), LedgerJournal.JOURNAL);
        mongo.remove(new Query(), LedgerJournal.HEADS);
        Bookkeeping ledger = new Bookkeeping(journal, eventFactory, meters);
        String run = UUID.randomUUID().toString().substring(0, 8);
        JournalEntry fund =
                JournalEntry.of(
                        run + "-fund",
                        run + "-key-fund",
                        DAY,
                        "Funding",
                        List.of(
                                Posting.debit(BANK, eur("100.00")),
                                Posting.credit(ChartOfAccounts.DONATIONS, eur("100.00"))));
        JournalEntry spend =
                JournalEntry.of(
                        run + "-spend",
                        run + "-key-spend",
                        DAY,
                        "Stamps",
                        List.of(
                                Posting.debit(
                                        ChartOfAccounts.ADMINISTRATIVE_EXPENSES, eur("12.50")),
                                Posting.credit(BANK, eur("12.50"))));
        JournalEntry retry =
                new JournalEntry(
                        run + "-spend-retry",
                        run + "-key-spend",
                        DAY,
                        "Stamps",
                        spend.postings(),
                        null,
                        List.of());
        JournalEntry overdraft =
                JournalEntry.of(
                        run + "-over",
                        run + "-key-over",
                        DAY,
                        "Too much",
                        List.of(
                                Posting.debit(
                                        ChartOfAccounts.ADMINISTRATIVE_EXPENSES, eur("1000.00")),
                                Posting.credit(BANK, eur("1000.00"))));

        PostedEntry funded = ledger.post(fund);
        PostedEntry spent = ledger.post(spend);
        assertThat(ledger.post(retry).replayed()).isTrue();
        assertThatThrownBy(() -> ledger.post(overdraft))
                .isInstanceOfSatisfying(
                        LedgerViolation.class,
                        violation ->
                                assertThat(violation.code())
                                        .isEqualTo("account-would-go-negative"));
        PostedEntry reversed = ledger.post(spend.reversal(run + "-rev", run + "-key-rev", DAY));

        List<String> written = List.of(fund.id(), spend.id(), run + "-rev");
        List<TopicRecords.Received> events =
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> ours(run), received -> received.size() >= 3);
        // the relay is idle once the outbox is empty: nothing more can come for this run
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                mongo.find(
                                                        new Query().with(Sort.by("_id")),
                                                        Document.class,
                                                        LedgerJournal.JOURNAL))
                                        .filteredOn(
                                                document ->
                                                        document.getString("entryId")
                                                                .startsWith(run))
                                        .hasSize(3)
                                        .allSatisfy(
                                                document ->
                                                        assertThat(
                                                                        document.getList(
                                                                                "outbox",
                                                                                Document.class))
                                                                .as(
                                                                        "outbox of %s",
                                                                        document.get("_id"))
                                                                .isEmpty()));
        events = ours(run);

        assertThat(events)
                .extracting(TopicRecords.Received::key)
                .containsExactlyElementsOf(written);
        assertThat(events).extracting(TopicRecords.Received::type).containsOnly(TYPE);
        assertThat(events)
                .extracting(TopicRecords.Received::subject)
                .containsExactlyElementsOf(
                        written.stream().map(id -> "ledger-entries/" + id).toList());
        assertThat(events)
                .extracting(event -> event.data().get("sequence").asLong())
                .containsExactly(funded.sequence(), spent.sequence(), reversed.sequence());

        JsonNode spending = events.get(1).data();
        assertThat(spending.get("entryId").asString()).isEqualTo(spend.id());
        assertThat(spending.get("idempotencyKey").asString()).isEqualTo(run + "-key-spend");
        assertThat(spending.get("date").asString()).isEqualTo("2026-03-14");
        assertThat(spending.get("description").asString()).isEqualTo("Stamps");
        assertThat(spending.get("postings")).hasSize(2);
        JsonNode debit = spending.get("postings").get(0);
        assertThat(debit.get("account").asString())
                .isEqualTo(ChartOfAccounts.ADMINISTRATIVE_EXPENSES);
        assertThat(debit.get("side").asString()).isEqualTo("DEBIT");
        assertThat(debit.get("amount").isString()).as("a decimal string").isTrue();
        assertThat(debit.get("amount").asString()).isEqualTo("12.50");
        assertThat(debit.get("currency").asString()).isEqualTo("EUR");
        assertThat(spending.get("postings").get(1).get("side").asString()).isEqualTo("CREDIT");
        assertThat(spending.get("reverses").isNull()).isTrue();
        assertThat(spending.get("postedAt").isString()).isTrue();

        JsonNode reversal = events.get(2).data();
        assertThat(reversal.get("reverses").asString()).isEqualTo(spend.id());
        assertThat(reversal.get("postings").get(1).get("account").asString()).isEqualTo(BANK);
        assertThat(reversal.get("postings").get(1).get("side").asString())
                .as("the bank is debited back")
                .isEqualTo("DEBIT");
        assertThat(reversal.get("postings").get(1).get("amount").asString()).isEqualTo("12.50");

        assertThat(ledger.entries(1, 100))
                .as("reading the journal ignores the outbox")
                .extracting(entry -> entry.entry().id())
                .containsAll(written);
    }

    /**
     * This run's events, in the order published (one partition per key; the run's keys may spread).
     */
    private static List<TopicRecords.Received> ours(String run) {
        return RECORDS.all(TOPIC).stream()
                .filter(record -> record.key() != null && record.key().startsWith(run))
                .sorted(
                        java.util.Comparator.comparingLong(
                                record -> record.data().get("sequence").asLong()))
                .toList();
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }
}
