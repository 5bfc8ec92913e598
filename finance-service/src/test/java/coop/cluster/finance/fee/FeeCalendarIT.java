package coop.cluster.finance.fee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.fee.domain.Invoice;
import coop.cluster.finance.fee.domain.InvoiceStatus;
import coop.cluster.finance.fee.persistence.FeeInvoiceStore;
import coop.cluster.finance.fee.persistence.FeeViewStore;
import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.LedgerEntry;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fee calendar, with "today" set by the test: what acceptance testing found in December.
 * Membership's events come over the real broker as membership-service publishes them; the store is
 * real.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = {FinanceApplication.class, FeeCalendarIT.Today.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeeCalendarIT {

    private static final String MEMBERS = "membership.members";
    private static final String COUNCIL = "membership.council";
    private static final String MEMBER = "cluster.membership.member.";
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

    private static TopicEvents broker;

    @TestConfiguration(proxyBeanMethods = false)
    static class Today {

        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("finance_fee_calendar_it"));
        TestIssuer.shared().register(registry);
        // the scheduled jobs stay out of the way: the tests run the sweeps themselves
        registry.add("cluster.finance.fees.jobs-initial-delay", () -> "PT1H");
    }

    @LocalServerPort int port;

    @Autowired FeeInvoiceStore invoices;

    @Autowired FeeViewStore views;

    @Autowired Bookkeeping ledger;

    @Autowired FeeInvoicing invoicing;

    Api api;
    String finance;

    @BeforeAll
    static void broker() {
        broker = new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        finance = TestIssuer.shared().token("fred").roles("finance").sign();
    }

    /**
     * Acceptance testing, 7 December 2026: a member admitted that day is invoiced its 2026 fee, due
     * 2027-01-06, and a 50 % exemption "for 2027" cut it from 450.00 to 225.00 (exemptions were
     * matched by due date). The 2026 fee stays whole; the exemption halves the 2027 fee, and only
     * that one.
     */
    @Test
    void anExemptionForNextYearLeavesTheFeeOfAMemberAdmittedInDecemberWhole() {
        CLOCK.set(Instant.parse("2026-12-07T10:00:00Z"));
        adoptSchedule(2026, "2026-01-05T09:00:00Z", "FULL_YEAR");
        adoptSchedule(2027, "2026-11-20T09:00:00Z", "FULL_YEAR");
        await().atMost(WAIT)
                .until(() -> views.schedule(2026).isPresent() && views.schedule(2027).isPresent());
        String member = UUID.randomUUID().toString();
        String resolution = UUID.randomUUID().toString();
        exempt(resolution, member, "50.00", "2027-01-01", "2027-12-31");
        await().atMost(WAIT).until(() -> !views.exemptions(member).isEmpty());

        admit(member, "SME", CLOCK.instant());

        Invoice fee2026 = awaitInvoice(member, 2026);
        assertThat(fee2026.dueDate()).isEqualTo(LocalDate.of(2027, 1, 6));
        assertThat(fee2026.amounts().gross().toPlainString()).isEqualTo("450.00");
        assertThat(fee2026.amounts().net().toPlainString())
                .as("the 2026 fee, due in 2027")
                .isEqualTo("450.00");
        assertThat(fee2026.amounts().exemptionRef()).isNull();

        Api.Answer run =
                api.post("/api/finance/fees/invoicing-runs", finance, "{\"feeYear\":2027}");
        assertThat(run.status()).isEqualTo(200);
        Invoice fee2027 = awaitInvoice(member, 2027);
        assertThat(fee2027.amounts().net().toPlainString())
                .as("the 2027 fee, halved")
                .isEqualTo("225.00");
        assertThat(fee2027.amounts().exemptionRef()).isEqualTo(resolution);

        // the same exemption heard of again after both invoices: it adjusts neither
        exempt(resolution, member, "50.00", "2027-01-01", "2027-12-31");
        String marker = UUID.randomUUID().toString();
        exempt(
                resolution,
                UUID.randomUUID().toString(),
                marker,
                "50.00",
                "2027-01-01",
                "2027-12-31");
        await().atMost(WAIT).until(() -> !views.exemptions(marker).isEmpty());
        assertThat(invoices.find(fee2026.id()).orElseThrow().amounts().net().toPlainString())
                .isEqualTo("450.00");
        assertThat(invoices.find(fee2026.id()).orElseThrow().status())
                .isEqualTo(InvoiceStatus.OPEN);
    }

    /**
     * Acceptance testing: admitted on 7 December, a member was invoiced the whole year. A schedule
     * whose event names no rule for late admissions (one adopted before the rule existed) charges
     * the months left: 1/12.
     */
    @Test
    void aMemberAdmittedOnSevenDecemberPaysTheMonthsLeftByDefault() {
        CLOCK.set(Instant.parse("2028-12-07T10:00:00Z"));
        adoptSchedule(2028, "2028-01-05T09:00:00Z", null);
        await().atMost(WAIT).until(() -> views.schedule(2028).isPresent());
        String member = UUID.randomUUID().toString();

        admit(member, "SME", CLOCK.instant());

        Invoice invoice = awaitInvoice(member, 2028);
        assertThat(invoice.amounts().gross().toPlainString())
                .as("450.00 x 1/12")
                .isEqualTo("37.50");
        assertThat(invoice.amounts().net().toPlainString()).isEqualTo("37.50");
        await().atMost(WAIT)
                .until(() -> balance(receivable(member)).compareTo(new BigDecimal("37.50")) == 0);
        Api.Answer shown = api.get("/api/finance/fees/invoices/" + invoice.id(), finance);
        assertThat(shown.at("/lateAdmission/rule")).isEqualTo("PRO_RATA_MONTHS");
        assertThat(shown.at("/lateAdmission/months")).isEqualTo("1");
    }

    /**
     * Acceptance testing: an invoicing run for next year on 6 December posted next year's fee
     * income dated in December, into this year's accounts. Invoiced before its fee year, a fee is
     * deferred income (Dr 1100 / Cr 2200, dated the invoice day) and becomes income of its year on
     * its first day (Dr 2200 / Cr 4000, dated 1 January), exactly once however many sweeps run; an
     * exemption heard of in between reduces the deferred fee, not income. Each year's public report
     * shows its own fees.
     */
    @Test
    void nextYearsFeesAreDeferredIncomeUntilTheFirstDayOfTheirYear() throws Exception {
        CLOCK.set(Instant.parse("2029-12-06T10:00:00Z"));
        adoptSchedule(2030, "2029-11-20T09:00:00Z", "FULL_YEAR");
        await().atMost(WAIT).until(() -> views.schedule(2030).isPresent());
        String member = UUID.randomUUID().toString();
        String halved = UUID.randomUUID().toString();
        admit(member, "SME", Instant.parse("2029-03-01T10:00:00Z"));
        admit(halved, "SME", Instant.parse("2029-03-01T10:00:00Z"));
        await().atMost(WAIT)
                .until(() -> views.member(member).isPresent() && views.member(halved).isPresent());

        Api.Answer run =
                api.post("/api/finance/fees/invoicing-runs", finance, "{\"feeYear\":2030}");
        assertThat(run.status()).isEqualTo(200);
        Invoice invoice = awaitInvoice(member, 2030);
        assertThat(invoice.invoiceDate()).isEqualTo(LocalDate.of(2029, 12, 6));
        assertThat(invoice.incomeFrom()).isEqualTo(LocalDate.of(2030, 1, 1));
        await().atMost(WAIT)
                .until(() -> balance(receivable(member)).compareTo(new BigDecimal("450.00")) == 0);
        assertThat(balance(deferred(member))).as("deferred fees").isEqualByComparingTo("450.00");
        assertThat(balance(income(member))).as("no income in 2029").isEqualByComparingTo("0");
        LedgerEntry issued = entry("fee-invoice:" + invoice.id());
        assertThat(issued.entry().effectiveDate()).isEqualTo(LocalDate.of(2029, 12, 6));

        // an exemption for 2030 heard of in December reduces the deferred fee
        exempt(UUID.randomUUID().toString(), halved, "50.00", "2030-01-01", "2030-12-31");
        Invoice reduced =
                await().atMost(WAIT)
                        .until(
                                () -> invoices.find(FeeInvoicing.invoiceId(halved, 2030)),
                                found ->
                                        found.isPresent()
                                                && found.get().postedAdjustmentIds().size() == 1)
                        .orElseThrow();
        assertThat(reduced.adjustments().getFirst().deferred()).isTrue();
        assertThat(balance(deferred(halved))).isEqualByComparingTo("225.00");
        assertThat(balance(income(halved))).isEqualByComparingTo("0");

        invoicing.recognise(LocalDate.of(2029, 12, 31));
        assertThat(invoices.find(invoice.id()).orElseThrow().recognition())
                .as("not before the year begins")
                .isNull();
        assertThat(balance(income(member))).isEqualByComparingTo("0");

        CLOCK.set(Instant.parse("2030-01-01T00:30:00Z"));
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var sweeps =
                    java.util.stream.IntStream.range(0, 4)
                            .mapToObj(
                                    i ->
                                            pool.submit(
                                                    () ->
                                                            invoicing.recognise(
                                                                    LocalDate.of(2030, 1, 1))))
                            .toList();
            for (var sweep : sweeps) {
                sweep.get();
            }
        }
        invoicing.recognise(LocalDate.of(2030, 1, 2));
        invoicing.repairPostings(Duration.ZERO);
        assertThat(balance(deferred(member))).isEqualByComparingTo("0");
        assertThat(balance(income(member))).as("income of 2030").isEqualByComparingTo("450.00");
        assertThat(balance(deferred(halved))).isEqualByComparingTo("0");
        assertThat(balance(income(halved))).isEqualByComparingTo("225.00");
        LedgerEntry recognised = entry("fee-recognition:" + invoice.id());
        assertThat(recognised.entry().effectiveDate()).isEqualTo(LocalDate.of(2030, 1, 1));
        assertThat(ledger.entries(1, 100_000))
                .as("recognised once")
                .filteredOn(
                        e ->
                                e.entry().idempotencyKey().startsWith("fee-recognition:")
                                        && e.entry().idempotencyKey().endsWith(member))
                .hasSize(1);
        assertThat(invoices.find(invoice.id()).orElseThrow().recognitionPosted()).isTrue();

        // the public reports: 2029 shows none of 2030's fees, January 2030 shows them
        long last = ledger.entries(1, 100_000).getLast().sequence();
        Api.Answer year2029 =
                await().atMost(WAIT)
                        .until(
                                () -> api.get("/api/finance/reports/2029", finance),
                                answer ->
                                        answer.status() == 200
                                                && Long.parseLong(answer.at("/throughSequence"))
                                                        >= last);
        assertThat(year2029.at("/income/membershipFees")).isEqualTo("0.00");
        Api.Answer january = api.get("/api/finance/reports/2030-01", finance);
        // these two members' 675.00, and those of the members other tests admitted, invoiced by the
        // same run
        BigDecimal recognisedInJanuary =
                ledger.entries(1, 100_000).stream()
                        .filter(e -> e.entry().idempotencyKey().startsWith("fee-recognition:"))
                        .filter(e -> e.entry().effectiveDate().equals(LocalDate.of(2030, 1, 1)))
                        .map(e -> e.entry().postings().getFirst().amount().amount())
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(recognisedInJanuary).isGreaterThanOrEqualTo(new BigDecimal("675.00"));
        assertThat(new BigDecimal(january.at("/income/membershipFees")))
                .isEqualByComparingTo(recognisedInJanuary);
    }

    /**
     * Acceptance testing: {@code GET /api/finance/fees/invoices?status=OVERDUE} answered 400, and
     * overdue fees could only wait for the hourly sweep. OVERDUE lists the unpaid invoices past
     * their due date plus the grace period; {@code POST /api/finance/fees/overdue-runs} announces
     * them now, once.
     */
    @Test
    void overdueInvoicesAreListedAndChasedByHand() {
        CLOCK.set(Instant.parse("2031-02-01T10:00:00Z"));
        adoptSchedule(2031, "2031-01-05T09:00:00Z", "FULL_YEAR");
        await().atMost(WAIT).until(() -> views.schedule(2031).isPresent());
        String late = UUID.randomUUID().toString();
        String payer = UUID.randomUUID().toString();
        admit(late, "SME", CLOCK.instant());
        admit(payer, "SME", CLOCK.instant());
        Invoice unpaid = awaitInvoice(late, 2031);
        Invoice paid = awaitInvoice(payer, 2031);
        assertThat(unpaid.dueDate()).isEqualTo(LocalDate.of(2031, 3, 3));
        assertThat(
                        api.send(
                                        "POST",
                                        "/api/finance/fees/invoices/" + paid.id() + "/payments",
                                        finance,
                                        "{\"amount\":\"450.00\",\"currency\":\"EUR\",\"paidOn\":\"2031-02-02\",\"reference\":\"r-"
                                                + payer
                                                + "\"}")
                                .status())
                .isEqualTo(201);
        String overdueOf = "/api/finance/fees/invoices?status=OVERDUE&memberId=";
        Api.Answer none = api.get(overdueOf + late, finance);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.at("/totalElements")).as("not due yet").isEqualTo("0");

        CLOCK.set(Instant.parse("2031-04-02T10:00:00Z"));
        assertThat(api.get(overdueOf + late, finance).at("/totalElements"))
                .as("in its grace period, 30 days")
                .isEqualTo("0");
        CLOCK.set(Instant.parse("2031-04-03T10:00:00Z"));
        Api.Answer listed = api.get(overdueOf + late, finance);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.at("/totalElements")).isEqualTo("1");
        assertThat(listed.at("/content/0/id")).isEqualTo(unpaid.id());
        assertThat(listed.at("/content/0/status")).isEqualTo("OPEN");
        assertThat(listed.at("/content/0/overdue")).isEqualTo("true");
        assertThat(
                        api.get(
                                        "/api/finance/fees/invoices?status=overdue&memberId="
                                                + payer,
                                        finance)
                                .at("/totalElements"))
                .as("paid: not overdue")
                .isEqualTo("0");
        assertThat(api.get("/api/finance/fees/invoices/" + paid.id(), finance).at("/overdue"))
                .isEqualTo("false");
        assertThat(invoices.find(unpaid.id()).orElseThrow().overdueAnnouncedAt())
                .as("not announced yet")
                .isNull();

        Api.Answer run = api.post("/api/finance/fees/overdue-runs", finance, null);
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.at("/asOf")).isEqualTo("2031-04-03");
        assertThat(Integer.parseInt(run.at("/announced"))).isPositive();
        assertThat(invoices.find(unpaid.id()).orElseThrow().overdueAnnouncedAt()).isNotNull();
        Api.Answer again = api.post("/api/finance/fees/overdue-runs", finance, null);
        assertThat(again.at("/announced")).as("announced once").isEqualTo("0");
        assertThat(Long.parseLong(again.at("/overdue"))).isPositive();
        assertThat(invoices.find(paid.id()).orElseThrow().overdueAnnouncedAt()).isNull();
    }

    // ---- helpers ----

    void adoptSchedule(int year, String adoptedAt, String lateAdmission) {
        String resolution = UUID.randomUUID().toString();
        broker.publish(
                COUNCIL,
                resolution,
                UUID.randomUUID().toString(),
                "cluster.membership.fee-schedule.adopted.v1",
                """
                {"resolutionId":"%s","feeYear":%d,"currency":"EUR","amounts":{"SME":"450.00","LARGE_COMPANY":"1200.00",
                 "RESEARCH":"300.00","EDUCATION":"100.00","ASSOCIATION":"50.00","PUBLIC_BODY":"0.00"},
                 %s"adoptedAt":"%s"}\
                """
                        .formatted(
                                resolution,
                                year,
                                lateAdmission == null
                                        ? ""
                                        : "\"lateAdmission\":\"" + lateAdmission + "\",",
                                adoptedAt));
    }

    void exempt(String resolution, String member, String percent, String from, String until) {
        exempt(resolution, resolution, member, percent, from, until);
    }

    /**
     * @param key the record's key: the same as an earlier grant's puts this one behind it
     */
    void exempt(
            String key,
            String resolution,
            String member,
            String percent,
            String from,
            String until) {
        broker.publish(
                COUNCIL,
                key,
                UUID.randomUUID().toString(),
                "cluster.membership.fee-exemption.granted.v1",
                """
                {"resolutionId":"%s","memberId":"%s","extent":"PARTIAL","percent":"%s","reason":"start-up",
                 "validFrom":"%s","validUntil":"%s","grantedAt":"%s"}\
                """
                        .formatted(resolution, member, percent, from, until, CLOCK.instant()));
    }

    void admit(String member, String category, Instant at) {
        broker.publish(
                MEMBERS,
                member,
                UUID.randomUUID().toString(),
                MEMBER + "admitted.v1",
                """
                {"memberId":"%s","status":"ACTIVE","reason":"council vote","admittedAt":"%s",
                 "profile":{"legalName":"Org %s","country":"FR","organisationType":"%s","sizeBand":"SMALL",
                 "competences":[]}}\
                """
                        .formatted(member, at, member.substring(0, 8), category));
    }

    Invoice awaitInvoice(String member, int year) {
        return await().atMost(WAIT)
                .until(
                        () -> invoices.find(FeeInvoicing.invoiceId(member, year)),
                        Optional::isPresent)
                .orElseThrow();
    }

    BigDecimal balance(String account) {
        try {
            return ledger.balances().balance(account).amount();
        } catch (LedgerViolation unknown) {
            return BigDecimal.ZERO;
        }
    }

    LedgerEntry entry(String key) {
        return ledger.entries(1, 100_000).stream()
                .filter(e -> e.entry().idempotencyKey().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ledger entry " + key));
    }

    static String deferred(String member) {
        return ChartOfAccounts.DEFERRED_FEES + ":M:" + member;
    }

    static String income(String member) {
        return ChartOfAccounts.FEE_INCOME + ":M:" + member;
    }

    static String receivable(String member) {
        return ChartOfAccounts.memberReceivableCode(member);
    }
}
