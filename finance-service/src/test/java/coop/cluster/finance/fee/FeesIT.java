package coop.cluster.finance.fee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.fee.domain.FeeAmounts;
import coop.cluster.finance.fee.domain.FeeMember;
import coop.cluster.finance.fee.domain.Invoice;
import coop.cluster.finance.fee.domain.InvoiceBalance;
import coop.cluster.finance.fee.domain.InvoiceStatus;
import coop.cluster.finance.fee.persistence.FeeInvoiceStore;
import coop.cluster.finance.fee.persistence.FeeViewStore;
import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Membership fees on the real broker and store, fed as membership-service feeds finance:
 * CloudEvents on {@code membership.members} and {@code membership.council}. Invoices with and
 * without exemptions (also an exemption heard of before the admission, and a schedule after it),
 * their ledger entries and balances, payments over HTTP (partial, replayed, full, overpaid,
 * refused), the overdue sweep announcing once in the payload membership's {@code overdue-fees}
 * subscription reads, redelivered events changing nothing, and poison events dead-lettered.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeesIT {

    private static final String MEMBERS = "membership.members";
    private static final String COUNCIL = "membership.council";
    private static final String FEES = "finance.fees";
    private static final String MEMBER = "cluster.membership.member.";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int YEAR = LocalDate.now(ZoneOffset.UTC).getYear();

    private static TopicEvents broker;
    private static final TopicRecords RECORDS =
            new TopicRecords(EmbeddedInfra.shared().bootstrapServers());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_fees_it"));
        TestIssuer.shared().register(registry);
        // the scheduled jobs stay out of the way: the tests run the sweeps themselves
        registry.add("cluster.finance.fees.jobs-initial-delay", () -> "PT1H");
    }

    @LocalServerPort int port;

    @Autowired FeeInvoiceStore invoices;

    @Autowired FeeViewStore views;

    @Autowired Bookkeeping ledger;

    @Autowired OverdueSweep overdue;

    @Autowired MongoTemplate mongo;

    @Autowired MeterRegistry meters;

    @Autowired FeeInvoicing invoicing;

    @Autowired EventFactory events;

    Api api;
    String finance;

    @BeforeAll
    static void broker() {
        broker = new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    }

    @BeforeEach
    void scheduleForThisYear() {
        api = new Api(port);
        finance = TestIssuer.shared().token("fred").roles("finance").sign();
        if (views.schedule(YEAR).isEmpty()) {
            adoptSchedule(YEAR, "2026-01-05T09:00:00Z", "450.00", "1200.00");
            await().atMost(WAIT).until(() -> views.schedule(YEAR).isPresent());
        }
    }

    @Test
    void anAdmittedMemberIsInvoicedItsFeeOnceAndTheLedgerMoves() {
        String member = UUID.randomUUID().toString();
        String admission = UUID.randomUUID().toString();
        double invoicedBefore = counter("cluster.finance.fees.invoiced", "OPEN");

        admit(admission, member, "SME");

        Invoice invoice = awaitInvoice(member, YEAR);
        assertThat(invoice.id()).isEqualTo("FEE-" + YEAR + "-" + member);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(invoice.category()).isEqualTo("SME");
        assertThat(invoice.amounts().gross().toPlainString()).isEqualTo("450.00");
        assertThat(invoice.amounts().net().toPlainString()).isEqualTo("450.00");
        assertThat(invoice.dueDate()).isEqualTo(invoice.invoiceDate().plusDays(30));
        await().atMost(WAIT)
                .until(() -> balance(receivable(member)).compareTo(new BigDecimal("450.00")) == 0);
        assertThat(balance(ChartOfAccounts.FEE_INCOME + ":M:" + member))
                .isEqualByComparingTo("450.00");
        assertThat(counter("cluster.finance.fees.invoiced", "OPEN") - invoicedBefore).isEqualTo(1);

        JsonNode invoiced = broker.read(FEES, invoice.id(), 1, WAIT).getFirst().data();
        assertThat(invoiced.get("invoiceId").asString()).isEqualTo(invoice.id());
        assertThat(invoiced.get("memberId").asString()).isEqualTo(member);
        assertThat(invoiced.get("feeYear").asInt()).isEqualTo(YEAR);
        assertThat(invoiced.get("amount").asString()).isEqualTo("450.00");
        assertThat(invoiced.get("grossAmount").asString()).isEqualTo("450.00");
        assertThat(invoiced.get("status").asString()).isEqualTo("OPEN");

        // the same admission again (a consumer crash before its commit), then a new one: nothing
        // changes
        admit(admission, member, "SME");
        admit(UUID.randomUUID().toString(), member, "LARGE_COMPANY");
        await().atMost(WAIT)
                .until(
                        () ->
                                "LARGE_COMPANY"
                                        .equals(
                                                views.member(member)
                                                        .map(FeeMember::category)
                                                        .orElse(null)));
        assertThat(invoices.list(member, null, null, 0, 10))
                .hasSize(1)
                .first()
                .satisfies(same -> assertThat(same.version()).isEqualTo(invoice.version()));
        assertThat(balance(receivable(member))).isEqualByComparingTo("450.00");
        assertThat(ledger.entries(1, 10_000))
                .filteredOn(e -> e.entry().idempotencyKey().equals("fee-invoice:" + invoice.id()))
                .hasSize(1);

        // a run by hand over the year invoices nobody twice (the first may find members admitted in
        // other years)
        assertThat(
                        api.post(
                                        "/api/finance/fees/invoicing-runs",
                                        finance,
                                        "{\"feeYear\":" + YEAR + "}")
                                .status())
                .isEqualTo(200);
        Api.Answer run =
                api.post("/api/finance/fees/invoicing-runs", finance, "{\"feeYear\":" + YEAR + "}");
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().get("invoiced").asInt()).isZero();
        assertThat(run.json().get("alreadyInvoiced").asInt()).isPositive();
        assertThat(balance(receivable(member))).isEqualByComparingTo("450.00");
        assertThat(RECORDS.byKey(FEES).get(invoice.id()))
                .as("one fee.invoiced for the invoice")
                .hasSize(1);
    }

    @Test
    void anExemptionHeardOfBeforeTheAdmissionHalvesTheFeeAndAFullOneMakesItExempt() {
        String half = UUID.randomUUID().toString();
        String full = UUID.randomUUID().toString();
        String halfResolution = UUID.randomUUID().toString();
        exempt(halfResolution, half, "PARTIAL", "50.00");
        exempt(UUID.randomUUID().toString(), full, "FULL", "100.00");
        await().atMost(WAIT)
                .until(
                        () ->
                                !views.exemptions(half).isEmpty()
                                        && !views.exemptions(full).isEmpty());

        admit(UUID.randomUUID().toString(), half, "LARGE_COMPANY");
        admit(UUID.randomUUID().toString(), full, "SME");

        Invoice halved = awaitInvoice(half, YEAR);
        assertThat(halved.amounts().gross().toPlainString()).isEqualTo("1200.00");
        assertThat(halved.amounts().exemption().toPlainString()).isEqualTo("600.00");
        assertThat(halved.amounts().net().toPlainString()).isEqualTo("600.00");
        assertThat(halved.amounts().exemptionRef()).isEqualTo(halfResolution);
        await().atMost(WAIT)
                .until(() -> balance(receivable(half)).compareTo(new BigDecimal("600.00")) == 0);

        Invoice exempted = awaitInvoice(full, YEAR);
        assertThat(exempted.status()).isEqualTo(InvoiceStatus.EXEMPT);
        assertThat(exempted.amounts().net().toPlainString()).isEqualTo("0.00");
        assertThat(exempted.amounts().exemption().toPlainString()).isEqualTo("450.00");
        assertThat(ledger.entries(1, 10_000))
                .as("an exempt invoice posts nothing")
                .noneMatch(e -> e.entry().idempotencyKey().equals("fee-invoice:" + exempted.id()));

        Api.Answer shown = api.get("/api/finance/fees/invoices/" + halved.id(), finance);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.at("/grossAmount")).isEqualTo("1200.00");
        assertThat(shown.at("/exemption/amount")).isEqualTo("600.00");
        assertThat(shown.at("/exemption/percent")).isEqualTo("50.00");
        assertThat(shown.at("/exemption/resolutionId")).isEqualTo(halfResolution);
        assertThat(shown.at("/amount")).isEqualTo("600.00");

        Api.Answer pay = pay(exempted.id(), UUID.randomUUID().toString(), "10.00", "EUR");
        assertThat(pay.status()).isEqualTo(422);
        assertThat(pay.at("/type")).endsWith("/invoice-exempt");
    }

    @Test
    void aMemberAdmittedBeforeItsYearsScheduleIsInvoicedWhenTheScheduleArrives() {
        int pastYear = YEAR - 3;
        String member = UUID.randomUUID().toString();
        admitOn(UUID.randomUUID().toString(), member, "RESEARCH", LocalDate.of(pastYear, 6, 15));
        await().atMost(WAIT).until(() -> views.member(member).isPresent());
        assertThat(invoices.find(FeeInvoicing.invoiceId(member, pastYear))).isEmpty();
        assertThat(
                        api.post(
                                        "/api/finance/fees/invoicing-runs",
                                        finance,
                                        "{\"feeYear\":" + pastYear + "}")
                                .at("/type"))
                .endsWith("/fee-schedule-missing");

        adoptSchedule(pastYear, pastYear + "-01-10T09:00:00Z", "300.00", "900.00");

        Invoice invoice = awaitInvoice(member, pastYear);
        assertThat(invoice.amounts().net().toPlainString())
                .as("the RESEARCH fee of that year")
                .isEqualTo("300.00");
        // a schedule for the same year adopted earlier than the one in force, arriving late,
        // changes nothing
        adoptSchedule(pastYear, pastYear + "-01-02T09:00:00Z", "1.00", "1.00");
        adoptSchedule(pastYear, pastYear + "-01-11T09:00:00Z", "350.00", "900.00");
        await().atMost(WAIT)
                .until(
                        () ->
                                views.schedule(pastYear)
                                        .orElseThrow()
                                        .adoptedAt()
                                        .equals(Instant.parse(pastYear + "-01-11T09:00:00Z")));
        assertThat(views.schedule(pastYear).orElseThrow().feeOf("RESEARCH"))
                .hasValue(new BigDecimal("350.00"));
        assertThat(invoices.find(invoice.id()).orElseThrow().amounts().net().toPlainString())
                .as("an issued invoice keeps its amount")
                .isEqualTo("300.00");
        Api.Answer schedules = api.get("/api/finance/fees/schedules", finance);
        assertThat(schedules.status()).isEqualTo(200);
        assertThat(schedules.json().findValues("feeYear").stream().map(JsonNode::asInt))
                .contains(YEAR, pastYear);
    }

    /**
     * A schedule's rule for late admissions, read from membership's event: none in the event
     * (published before the rule existed) is pro rata by month; "free until the next fee year"
     * invoices nothing for the year of admission.
     */
    @Test
    void aMemberAdmittedLateInTheYearOwesWhatTheSchedulesRuleSays() {
        int proRataYear = YEAR - 7;
        int freeYear = YEAR - 8;
        String december = UUID.randomUUID().toString();
        String june = UUID.randomUUID().toString();
        admitOn(UUID.randomUUID().toString(), december, "SME", LocalDate.of(proRataYear, 12, 7));
        admitOn(UUID.randomUUID().toString(), june, "SME", LocalDate.of(freeYear, 6, 15));
        await().atMost(WAIT)
                .until(() -> views.member(december).isPresent() && views.member(june).isPresent());

        adoptSchedule(proRataYear, proRataYear + "-01-10T09:00:00Z", "450.00", "1200.00", null);
        Invoice oneMonth = awaitInvoice(december, proRataYear);
        assertThat(oneMonth.amounts().gross().toPlainString())
                .as("450.00 x 1/12")
                .isEqualTo("37.50");
        assertThat(oneMonth.amounts().net().toPlainString()).isEqualTo("37.50");
        Api.Answer shown = api.get("/api/finance/fees/invoices/" + oneMonth.id(), finance);
        assertThat(shown.at("/grossAmount")).isEqualTo("37.50");
        assertThat(shown.at("/lateAdmission/rule")).isEqualTo("PRO_RATA_MONTHS");
        assertThat(shown.at("/lateAdmission/scheduledAmount")).isEqualTo("450.00");
        assertThat(shown.at("/lateAdmission/months")).isEqualTo("1");
        await().atMost(WAIT)
                .until(() -> balance(receivable(december)).compareTo(new BigDecimal("37.50")) == 0);

        adoptSchedule(
                freeYear,
                freeYear + "-01-10T09:00:00Z",
                "450.00",
                "1200.00",
                "FREE_UNTIL_NEXT_YEAR");
        Invoice free = awaitInvoice(june, freeYear);
        assertThat(free.status()).isEqualTo(InvoiceStatus.EXEMPT);
        assertThat(free.amounts().gross().toPlainString()).isEqualTo("0.00");
        assertThat(
                        api
                                .get("/api/finance/fees/schedules", finance)
                                .json()
                                .findValues("lateAdmission")
                                .stream()
                                .map(JsonNode::asString))
                .contains("PRO_RATA_MONTHS", "FREE_UNTIL_NEXT_YEAR", "FULL_YEAR");
        assertThat(ledger.entries(1, 10_000))
                .as("nothing to post")
                .noneMatch(e -> e.entry().idempotencyKey().equals("fee-invoice:" + free.id()));
    }

    @Test
    void paymentsPartFullAndOverpaidMoveTheLedgerAndFeePaidIsPublishedOnce() {
        String member = UUID.randomUUID().toString();
        admit(UUID.randomUUID().toString(), member, "SME");
        Invoice invoice = awaitInvoice(member, YEAR);
        await().atMost(WAIT)
                .until(() -> balance(receivable(member)).compareTo(new BigDecimal("450.00")) == 0);
        BigDecimal bank = balance(ChartOfAccounts.BANK);
        double paidBefore = meters.counter("cluster.finance.fees.paid").count();

        String firstKey = UUID.randomUUID().toString();
        Api.Answer first = pay(invoice.id(), firstKey, "200.00", "EUR");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.at("/status")).isEqualTo("PARTIALLY_PAID");
        assertThat(first.at("/amountDue")).isEqualTo("250.00");
        assertThat(balance(receivable(member))).isEqualByComparingTo("250.00");
        assertThat(balance(ChartOfAccounts.BANK).subtract(bank)).isEqualByComparingTo("200.00");

        Api.Answer again = pay(invoice.id(), firstKey, "200.00", "EUR");
        assertThat(again.status()).as("a retry of the same payment").isEqualTo(200);
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.at("/amountDue")).isEqualTo("250.00");
        assertThat(balance(ChartOfAccounts.BANK).subtract(bank)).isEqualByComparingTo("200.00");
        assertThat(pay(invoice.id(), firstKey, "201.00", "EUR").at("/type"))
                .endsWith("/payment-key-conflict");

        Api.Answer wrongCurrency = pay(invoice.id(), UUID.randomUUID().toString(), "250.00", "USD");
        assertThat(wrongCurrency.status()).isEqualTo(422);
        assertThat(wrongCurrency.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(wrongCurrency.at("/type")).endsWith("/payment-currency-mismatch");
        assertThat(pay(invoice.id(), UUID.randomUUID().toString(), "1.001", "EUR").at("/type"))
                .endsWith("/payment-amount-too-precise");
        assertThat(pay(invoice.id(), UUID.randomUUID().toString(), "0", "EUR").at("/type"))
                .endsWith("/payment-amount-not-positive");
        assertThat(pay(invoice.id(), null, "1.00", "EUR", null).status())
                .as("no key, no reference")
                .isEqualTo(400);
        assertThat(pay(invoice.id(), UUID.randomUUID().toString(), "abc", "EUR").status())
                .isEqualTo(400);
        assertThat(pay("FEE-1999-nobody", UUID.randomUUID().toString(), "1.00", "EUR").status())
                .isEqualTo(404);

        Api.Answer rest = pay(invoice.id(), null, "250.00", "EUR", "BANK-REF-" + member);
        assertThat(rest.status()).isEqualTo(201);
        assertThat(rest.at("/status")).isEqualTo("PAID");
        assertThat(rest.at("/amountDue")).isEqualTo("0.00");
        assertThat(balance(receivable(member))).isEqualByComparingTo("0.00");
        assertThat(pay(invoice.id(), null, "250.00", "EUR", "BANK-REF-" + member).status())
                .as("the reference stands in as the key")
                .isEqualTo(200);

        Api.Answer over = pay(invoice.id(), UUID.randomUUID().toString(), "30.00", "EUR");
        assertThat(over.status()).isEqualTo(201);
        assertThat(over.at("/status")).isEqualTo("OVERPAID");
        assertThat(over.at("/credit")).isEqualTo("30.00");
        assertThat(over.at("/paidAmount")).isEqualTo("480.00");
        assertThat(balance(FeeLedger.MEMBER_PREPAYMENTS_PREFIX + member))
                .isEqualByComparingTo("30.00");
        assertThat(balance(receivable(member))).isEqualByComparingTo("0.00");
        assertThat(balance(ChartOfAccounts.BANK).subtract(bank)).isEqualByComparingTo("480.00");
        assertThat(meters.counter("cluster.finance.fees.paid").count() - paidBefore).isEqualTo(1);

        List<TopicEvents.Event> events = broker.read(FEES, invoice.id(), 2, WAIT);
        await().atMost(WAIT).until(() -> outboxEmpty(invoice.id()));
        List<TopicRecords.Received> all = RECORDS.byKey(FEES).get(invoice.id());
        assertThat(all)
                .extracting(TopicRecords.Received::type)
                .containsExactly("cluster.finance.fee.invoiced.v1", "cluster.finance.fee.paid.v1");
        JsonNode paid = events.get(1).data();
        assertThat(paid.get("invoiceId").asString()).isEqualTo(invoice.id());
        assertThat(paid.get("memberId").asString()).isEqualTo(member);
        assertThat(paid.get("status").asString()).isEqualTo("PAID");
        assertThat(paid.get("amount").asString()).isEqualTo("450.00");
    }

    @Test
    void theOverdueSweepAnnouncesAnUnpaidFeeOnceInTheShapeMembershipReads() {
        String member = UUID.randomUUID().toString();
        String paidMember = UUID.randomUUID().toString();
        admit(UUID.randomUUID().toString(), member, "SME");
        admit(UUID.randomUUID().toString(), paidMember, "SME");
        Invoice invoice = awaitInvoice(member, YEAR);
        Invoice paidInvoice = awaitInvoice(paidMember, YEAR);
        assertThat(pay(invoice.id(), UUID.randomUUID().toString(), "100.00", "EUR").status())
                .isEqualTo(201);
        assertThat(pay(paidInvoice.id(), UUID.randomUUID().toString(), "450.00", "EUR").status())
                .isEqualTo(201);

        LocalDate inGrace = invoice.dueDate().plusDays(30);
        overdue.sweep(inGrace);
        assertThat(invoices.find(invoice.id()).orElseThrow().overdueAnnouncedAt())
                .as("still in its grace period")
                .isNull();

        LocalDate late = invoice.dueDate().plusDays(31);
        double overdueBefore = meters.counter("cluster.finance.fees.overdue").count();
        assertThat(overdue.sweep(late)).isPositive();
        assertThat(meters.counter("cluster.finance.fees.overdue").count())
                .isGreaterThan(overdueBefore);
        overdue.sweep(late.plusDays(5));
        assertThat(invoices.find(invoice.id()).orElseThrow().overdueAnnouncedAt()).isNotNull();
        assertThat(invoices.find(paidInvoice.id()).orElseThrow().overdueAnnouncedAt()).isNull();

        broker.read(FEES, invoice.id(), 2, WAIT);
        await().atMost(WAIT).until(() -> outboxEmpty(invoice.id()));
        List<TopicRecords.Received> events =
                RECORDS.byKey(FEES).get(invoice.id()).stream()
                        .filter(e -> "cluster.finance.fee.overdue.v1".equals(e.type()))
                        .toList();
        assertThat(events).as("announced once").hasSize(1);
        assertThat(events.getFirst().subject()).isEqualTo("fee-invoices/" + invoice.id());
        // membership-service's FinanceEvents.FeeOverdue: invoiceId, memberId, feeYear (integer),
        // amountDue and
        // currency (strings), dueDate (yyyy-MM-dd); it dead-letters a notice without invoiceId,
        // memberId or dueDate
        JsonNode notice = events.getFirst().data();
        assertThat(notice.get("invoiceId").asString()).isEqualTo(invoice.id());
        assertThat(notice.get("memberId").asString()).isEqualTo(member);
        assertThat(notice.get("feeYear").isInt()).isTrue();
        assertThat(notice.get("feeYear").asInt()).isEqualTo(YEAR);
        assertThat(notice.get("amountDue").isString()).isTrue();
        assertThat(notice.get("amountDue").asString()).isEqualTo("350.00");
        assertThat(notice.get("currency").asString()).isEqualTo("EUR");
        assertThat(LocalDate.parse(notice.get("dueDate").asString())).isEqualTo(invoice.dueDate());
        assertThat(notice.get("daysOverdue").asLong()).isEqualTo(31);
        assertThat(RECORDS.byKey(FEES).get(paidInvoice.id()))
                .extracting(TopicRecords.Received::type)
                .doesNotContain("cluster.finance.fee.overdue.v1");
    }

    @Test
    void aPoisonEventIsDeadLetteredAndTheConsumerGoesOn() {
        String eventId = UUID.randomUUID().toString();
        broker.publish(MEMBERS, "nobody", eventId, MEMBER + "admitted.v1", "{\"profile\":{}}");
        String after = UUID.randomUUID().toString();
        admit(UUID.randomUUID().toString(), after, "SME");
        awaitInvoice(after, YEAR);
        assertThat(deadLettered("finance-service.fee-members.dlt", eventId)).isTrue();

        // a lifecycle event without the member's status: finance maps no event type to a status of
        // its own
        String noStatus = UUID.randomUUID().toString();
        broker.publish(
                MEMBERS,
                after,
                noStatus,
                MEMBER + "suspended.v1",
                "{\"memberId\":\"%s\",\"reason\":\"manager\",\"cause\":\"manager\"}"
                        .formatted(after));
        assertThat(deadLettered("finance-service.fee-members.dlt", noStatus)).isTrue();
        assertThat(views.member(after))
                .hasValueSatisfying(m -> assertThat(m.status()).isEqualTo("ACTIVE"));

        String badSchedule = UUID.randomUUID().toString();
        broker.publish(
                COUNCIL,
                "r",
                badSchedule,
                "cluster.membership.fee-schedule.adopted.v1",
                """
                {"resolutionId":"r","feeYear":2030,"currency":"EUR","amounts":{"SME":"lots"}}\
                """);
        assertThat(deadLettered("finance-service.fee-council.dlt", badSchedule)).isTrue();
    }

    @Test
    void aCrashBetweenAWriteAndItsPostingIsRepairedByARetryOrBySweep() {
        String member = UUID.randomUUID().toString();
        admit(UUID.randomUUID().toString(), member, "SME");
        Invoice invoice = awaitInvoice(member, YEAR);
        await().atMost(WAIT)
                .until(() -> balance(receivable(member)).compareTo(new BigDecimal("450.00")) == 0);

        // the payment written as FeePayments writes it, then the process "dies" before posting it
        String key = UUID.randomUUID().toString();
        Invoice read = invoices.find(invoice.id()).orElseThrow();
        InvoiceBalance.Split split = read.balance().split(new BigDecimal("100.00"));
        Invoice.Payment payment =
                new Invoice.Payment(
                        FeePayments.paymentId(invoice.id(), key),
                        key,
                        new BigDecimal("100.00"),
                        "EUR",
                        LocalDate.now(ZoneOffset.UTC),
                        "transfer 100.00",
                        split.settles(),
                        split.credit(),
                        Instant.now());
        assertThat(invoices.addPayment(read, payment, read.balance().after(split), List.of()))
                .isTrue();
        assertThat(invoices.addPayment(read, payment, read.balance().after(split), List.of()))
                .as("the version moved: a stale write is refused")
                .isFalse();
        assertThat(balance(receivable(member))).isEqualByComparingTo("450.00");

        Api.Answer retry = pay(invoice.id(), key, "100.00", "EUR");
        assertThat(retry.status()).as("the same request again").isEqualTo(200);
        assertThat(retry.at("/amountDue")).isEqualTo("350.00");
        assertThat(balance(receivable(member)))
                .as("posted by the retry")
                .isEqualByComparingTo("350.00");
        assertThat(ledger.entries(1, 10_000))
                .filteredOn(
                        e ->
                                e.entry()
                                        .idempotencyKey()
                                        .equals("fee-payment:" + payment.paymentId()))
                .hasSize(1);

        // an invoice inserted with its event, then the process "dies" before its ledger entry: the
        // sweep posts it
        String other = UUID.randomUUID().toString();
        String id = FeeInvoicing.invoiceId(other, YEAR);
        FeeAmounts amounts =
                new FeeAmounts(
                        Currency.getInstance("EUR"),
                        new BigDecimal("450.00"),
                        BigDecimal.ZERO,
                        new BigDecimal("450.00"),
                        null,
                        null);
        Invoice orphan =
                Invoice.issue(
                        id,
                        other,
                        YEAR,
                        "SME",
                        amounts,
                        LocalDate.now(ZoneOffset.UTC),
                        LocalDate.now(ZoneOffset.UTC).plusDays(30),
                        "res",
                        Instant.now().minusSeconds(120));
        assertThat(
                        invoices.insert(
                                orphan,
                                events.create("fee-invoices", id, FeeInvoicing.invoiced(orphan))))
                .isTrue();
        assertThat(balance(receivable(other))).isEqualByComparingTo("0");
        invoicing.repairPostings(Duration.ofMinutes(1));
        assertThat(balance(receivable(other))).isEqualByComparingTo("450.00");
        assertThat(invoices.find(id).orElseThrow().invoicePosted()).isTrue();
        invoicing.repairPostings(Duration.ZERO);
        assertThat(balance(receivable(other)))
                .as("a second sweep posts nothing more")
                .isEqualByComparingTo("450.00");
    }

    @Test
    void anExemptionHeardOfAfterTheInvoiceReducesItOnceAndTurnsWhatWasOverpaidIntoACredit() {
        String member = UUID.randomUUID().toString();
        admit(UUID.randomUUID().toString(), member, "SME");
        Invoice invoice = awaitInvoice(member, YEAR);
        assertThat(pay(invoice.id(), UUID.randomUUID().toString(), "300.00", "EUR").status())
                .isEqualTo(201);
        assertThat(balance(receivable(member))).isEqualByComparingTo("150.00");

        String resolution = UUID.randomUUID().toString();
        String grant = UUID.randomUUID().toString();
        exempt(grant, resolution, member, "PARTIAL", "50.00");
        Invoice reduced =
                await().atMost(WAIT)
                        .until(
                                () -> invoices.find(invoice.id()).orElseThrow(),
                                found ->
                                        !found.adjustments().isEmpty()
                                                && found.postedAdjustmentIds()
                                                        .contains(resolution));
        assertThat(reduced.amounts().net().toPlainString()).isEqualTo("225.00");
        assertThat(reduced.amounts().exemptionRef()).isEqualTo(resolution);
        assertThat(reduced.issued().net().toPlainString()).as("as issued").isEqualTo("450.00");
        assertThat(reduced.status()).isEqualTo(InvoiceStatus.OVERPAID);
        assertThat(reduced.balance().credit().toPlainString()).isEqualTo("75.00");
        assertThat(balance(receivable(member))).isEqualByComparingTo("0.00");
        assertThat(balance(FeeLedger.MEMBER_PREPAYMENTS_PREFIX + member))
                .isEqualByComparingTo("75.00");
        assertThat(balance(FeeLedger.FEE_INCOME_PREFIX + member)).isEqualByComparingTo("225.00");

        exempt(grant, resolution, member, "PARTIAL", "50.00");
        exempt(UUID.randomUUID().toString(), resolution, member, "PARTIAL", "50.00");
        // behind them on the same partition (same key), a grant for another member: once it is
        // read, so are they
        String marker = UUID.randomUUID().toString();
        broker.publish(
                COUNCIL,
                resolution,
                UUID.randomUUID().toString(),
                "cluster.membership.fee-exemption.granted.v1",
                """
                {"resolutionId":"%s","memberId":"%s","extent":"FULL","percent":"100.00","reason":"marker",
                 "validFrom":"%d-01-01","validUntil":"%d-12-31"}\
                """
                        .formatted(UUID.randomUUID(), marker, YEAR, YEAR));
        await().atMost(WAIT).until(() -> !views.exemptions(marker).isEmpty());
        broker.read(FEES, invoice.id(), 2, WAIT);
        assertThat(invoices.find(invoice.id()).orElseThrow().version())
                .isEqualTo(reduced.version());
        assertThat(balance(FeeLedger.MEMBER_PREPAYMENTS_PREFIX + member))
                .isEqualByComparingTo("75.00");
        assertThat(RECORDS.byKey(FEES).get(invoice.id()))
                .extracting(TopicRecords.Received::type)
                .containsExactly("cluster.finance.fee.invoiced.v1", "cluster.finance.fee.paid.v1");
    }

    @Test
    void aScheduleArrivingLateInvoicesSuspendedMembersButNotThoseWhoLeft() {
        int year = YEAR - 5;
        String suspended = UUID.randomUUID().toString();
        String left = UUID.randomUUID().toString();
        String excluded = UUID.randomUUID().toString();
        for (String member : List.of(suspended, left, excluded)) {
            admitOn(UUID.randomUUID().toString(), member, "SME", LocalDate.of(year, 3, 1));
        }
        broker.publish(
                MEMBERS,
                suspended,
                UUID.randomUUID().toString(),
                MEMBER + "suspended.v1",
                "{\"memberId\":\"%s\",\"status\":\"SUSPENDED\",\"reason\":\"manager\",\"cause\":\"manager\"}"
                        .formatted(suspended));
        broker.publish(
                MEMBERS,
                left,
                UUID.randomUUID().toString(),
                MEMBER + "left.v1",
                "{\"memberId\":\"%s\",\"status\":\"LEFT\",\"reason\":\"moved\"}".formatted(left));
        broker.publish(
                MEMBERS,
                excluded,
                UUID.randomUUID().toString(),
                MEMBER + "excluded.v1",
                "{\"memberId\":\"%s\",\"status\":\"EXCLUDED\",\"reason\":\"council\"}"
                        .formatted(excluded));
        await().atMost(WAIT)
                .until(
                        () ->
                                views.member(suspended)
                                                .filter(m -> "SUSPENDED".equals(m.status()))
                                                .isPresent()
                                        && views.member(left)
                                                .filter(m -> "LEFT".equals(m.status()))
                                                .isPresent()
                                        && views.member(excluded)
                                                .filter(m -> "EXCLUDED".equals(m.status()))
                                                .isPresent());

        adoptSchedule(year, year + "-01-10T09:00:00Z", "120.00", "900.00");

        Invoice invoice = awaitInvoice(suspended, year);
        assertThat(invoice.amounts().net().toPlainString()).isEqualTo("120.00");
        assertThat(invoices.find(FeeInvoicing.invoiceId(left, year))).isEmpty();
        assertThat(invoices.find(FeeInvoicing.invoiceId(excluded, year))).isEmpty();
        Api.Answer rerun =
                api.post("/api/finance/fees/invoicing-runs", finance, "{\"feeYear\":" + year + "}");
        assertThat(rerun.json().get("invoiced").asInt()).isZero();
        assertThat(rerun.json().get("alreadyInvoiced").asInt()).isEqualTo(1);
        assertThat(invoices.find(FeeInvoicing.invoiceId(left, year))).isEmpty();
    }

    @Test
    void concurrentPaymentsUnderDifferentKeysAreAllRecordedOnceAndTheLedgerAgrees()
            throws Exception {
        String member = UUID.randomUUID().toString();
        admit(UUID.randomUUID().toString(), member, "SME");
        Invoice invoice = awaitInvoice(member, YEAR);
        await().atMost(WAIT)
                .until(() -> balance(receivable(member)).compareTo(new BigDecimal("450.00")) == 0);
        BigDecimal bank = balance(ChartOfAccounts.BANK);

        List<String> keys =
                java.util.stream.IntStream.range(0, 8)
                        .mapToObj(i -> UUID.randomUUID().toString())
                        .toList();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Api.Answer>> answers = new java.util.ArrayList<>();
            for (String key : keys) {
                answers.add(pool.submit(() -> pay(invoice.id(), key, "60.00", "EUR")));
                answers.add(pool.submit(() -> pay(invoice.id(), key, "60.00", "EUR")));
            }
            for (var answer : answers) {
                assertThat(answer.get().status()).isIn(200, 201);
            }
        }

        Invoice paid = invoices.find(invoice.id()).orElseThrow();
        assertThat(paid.payments()).as("each key once").hasSize(8);
        assertThat(paid.status()).isEqualTo(InvoiceStatus.OVERPAID);
        assertThat(paid.balance().settled().toPlainString()).isEqualTo("450.00");
        assertThat(paid.balance().credit().toPlainString()).isEqualTo("30.00");
        assertThat(balance(ChartOfAccounts.BANK).subtract(bank)).isEqualByComparingTo("480.00");
        assertThat(balance(receivable(member))).isEqualByComparingTo("0.00");
        assertThat(balance(FeeLedger.MEMBER_PREPAYMENTS_PREFIX + member))
                .isEqualByComparingTo("30.00");
        broker.read(FEES, invoice.id(), 2, WAIT);
        await().atMost(WAIT).until(() -> outboxEmpty(invoice.id()));
        assertThat(RECORDS.byKey(FEES).get(invoice.id()))
                .extracting(TopicRecords.Received::type)
                .as("fee.paid once")
                .containsExactly("cluster.finance.fee.invoiced.v1", "cluster.finance.fee.paid.v1");
    }

    // ---- helpers ----

    /** A schedule charging the whole year to members admitted late, as these tests expect. */
    private void adoptSchedule(int year, String adoptedAt, String sme, String large) {
        adoptSchedule(year, adoptedAt, sme, large, "FULL_YEAR");
    }

    /**
     * @param lateAdmission the schedule's rule for late admissions; none in the event when null
     */
    private void adoptSchedule(
            int year, String adoptedAt, String sme, String large, String lateAdmission) {
        String resolution = UUID.randomUUID().toString();
        broker.publish(
                COUNCIL,
                resolution,
                UUID.randomUUID().toString(),
                "cluster.membership.fee-schedule.adopted.v1",
                """
                {"resolutionId":"%s","feeYear":%d,"currency":"EUR","amounts":{"SME":"%s","LARGE_COMPANY":"%s",
                 "RESEARCH":"%s","EDUCATION":"100.00","ASSOCIATION":"50.00","PUBLIC_BODY":"%s"},%s"adoptedAt":"%s"}\
                """
                        .formatted(
                                resolution,
                                year,
                                sme,
                                large,
                                sme,
                                large,
                                lateAdmission == null
                                        ? ""
                                        : "\"lateAdmission\":\"" + lateAdmission + "\",",
                                adoptedAt));
    }

    private void exempt(String resolution, String member, String extent, String percent) {
        exempt(UUID.randomUUID().toString(), resolution, member, extent, percent);
    }

    private void exempt(
            String eventId, String resolution, String member, String extent, String percent) {
        broker.publish(
                COUNCIL,
                resolution,
                eventId,
                "cluster.membership.fee-exemption.granted.v1",
                """
                {"resolutionId":"%s","memberId":"%s","extent":"%s","percent":"%s","reason":"start-up year",
                 "validFrom":"%d-01-01","validUntil":"%d-12-31","grantedAt":"%s"}\
                """
                        .formatted(
                                resolution,
                                member,
                                extent,
                                percent,
                                YEAR,
                                YEAR + 1,
                                Instant.now()));
    }

    private void admit(String eventId, String member, String category) {
        broker.publish(
                MEMBERS,
                member,
                eventId,
                MEMBER + "admitted.v1",
                admitted(member, category, Instant.now()));
    }

    private void admitOn(String eventId, String member, String category, LocalDate day) {
        broker.publish(
                MEMBERS,
                member,
                eventId,
                MEMBER + "admitted.v1",
                admitted(member, category, day.atTime(10, 0).toInstant(ZoneOffset.UTC)));
    }

    private static String admitted(String member, String category, Instant at) {
        return """
        {"memberId":"%s","status":"ACTIVE","reason":"council vote","admittedAt":"%s",
         "profile":{"legalName":"Org %s","country":"FR","organisationType":"%s","sizeBand":"SMALL",
         "competences":[]}}\
        """
                .formatted(member, at, member.substring(0, 8), category);
    }

    private Invoice awaitInvoice(String member, int year) {
        return await().atMost(WAIT)
                .until(
                        () -> invoices.find(FeeInvoicing.invoiceId(member, year)),
                        Optional::isPresent)
                .orElseThrow();
    }

    private Api.Answer pay(String invoiceId, String key, String amount, String currency) {
        return pay(invoiceId, key, amount, currency, "transfer " + amount);
    }

    private Api.Answer pay(
            String invoiceId, String key, String amount, String currency, String reference) {
        String body =
                """
                {"amount":"%s","currency":"%s","paidOn":"%s"%s}\
                """
                        .formatted(
                                amount,
                                currency,
                                LocalDate.now(ZoneOffset.UTC),
                                reference == null ? "" : ",\"reference\":\"" + reference + "\"");
        return api.post(
                "/api/finance/fees/invoices/" + invoiceId + "/payments",
                finance,
                body,
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private BigDecimal balance(String account) {
        try {
            return ledger.balances().balance(account).amount();
        } catch (LedgerViolation unknown) {
            return BigDecimal.ZERO;
        }
    }

    private static String receivable(String member) {
        return ChartOfAccounts.memberReceivableCode(member);
    }

    private double counter(String name, String status) {
        return meters.counter(name, "status", status).count();
    }

    private boolean outboxEmpty(String invoiceId) {
        Document document =
                mongo.findOne(
                        Query.query(Criteria.where("_id").is(invoiceId)),
                        Document.class,
                        FeeInvoiceStore.COLLECTION);
        return document != null && document.getList("outbox", Document.class, List.of()).isEmpty();
    }

    private static boolean deadLettered(String topic, String eventId) {
        var props =
                java.util.Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        EmbeddedInfra.shared().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest");
        try (var consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            return await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                for (var record : consumer.poll(Duration.ofMillis(200))) {
                                    var id = record.headers().lastHeader("ce_id");
                                    if (id != null
                                            && eventId.equals(
                                                    new String(
                                                            id.value(), StandardCharsets.UTF_8))) {
                                        return true;
                                    }
                                }
                                return false;
                            },
                            found -> found);
        }
    }
}
