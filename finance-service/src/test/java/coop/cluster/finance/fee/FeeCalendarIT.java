package coop.cluster.finance.fee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.fee.domain.InvoiceStatus;
import coop.cluster.finance.ledger.LedgerService;
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
 * The fee calendar, with "today" set by the test: what acceptance testing found in December. Membership's events come
 * over the real broker as membership-service publishes them; the store is real.
 */
@EmbeddedInfraTest
@SpringBootTest(classes = {FinanceApplication.class, FeeCalendarIT.Today.class},
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
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_fee_calendar_it"));
        TestIssuer.shared().register(registry);
        // the scheduled jobs stay out of the way: the tests run the sweeps themselves
        registry.add("cluster.finance.fees.jobs-initial-delay", () -> "PT1H");
    }

    @LocalServerPort
    int port;

    @Autowired
    FeeInvoices invoices;

    @Autowired
    FeeViews views;

    @Autowired
    LedgerService ledger;

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
     * Acceptance testing, 7 December 2026: a member admitted that day is invoiced its 2026 fee, due 2027-01-06, and a
     * 50 % exemption "for 2027" cut it from 450.00 to 225.00 (exemptions were matched by due date). The 2026 fee stays
     * whole; the exemption halves the 2027 fee, and only that one.
     */
    @Test
    void anExemptionForNextYearLeavesTheFeeOfAMemberAdmittedInDecemberWhole() {
        CLOCK.set(Instant.parse("2026-12-07T10:00:00Z"));
        adoptSchedule(2026, "2026-01-05T09:00:00Z", "FULL_YEAR");
        adoptSchedule(2027, "2026-11-20T09:00:00Z", "FULL_YEAR");
        await().atMost(WAIT).until(() -> views.schedule(2026).isPresent() && views.schedule(2027).isPresent());
        String member = UUID.randomUUID().toString();
        String resolution = UUID.randomUUID().toString();
        exempt(resolution, member, "50.00", "2027-01-01", "2027-12-31");
        await().atMost(WAIT).until(() -> !views.exemptions(member).isEmpty());

        admit(member, "SME", CLOCK.instant());

        Invoice fee2026 = awaitInvoice(member, 2026);
        assertThat(fee2026.dueDate()).isEqualTo(LocalDate.of(2027, 1, 6));
        assertThat(fee2026.amounts().gross().toPlainString()).isEqualTo("450.00");
        assertThat(fee2026.amounts().net().toPlainString()).as("the 2026 fee, due in 2027").isEqualTo("450.00");
        assertThat(fee2026.amounts().exemptionRef()).isNull();

        Api.Answer run = api.post("/api/finance/fees/invoicing-runs", finance, "{\"feeYear\":2027}");
        assertThat(run.status()).isEqualTo(200);
        Invoice fee2027 = awaitInvoice(member, 2027);
        assertThat(fee2027.amounts().net().toPlainString()).as("the 2027 fee, halved").isEqualTo("225.00");
        assertThat(fee2027.amounts().exemptionRef()).isEqualTo(resolution);

        // the same exemption heard of again after both invoices: it adjusts neither
        exempt(resolution, member, "50.00", "2027-01-01", "2027-12-31");
        String marker = UUID.randomUUID().toString();
        exempt(resolution, UUID.randomUUID().toString(), marker, "50.00", "2027-01-01", "2027-12-31");
        await().atMost(WAIT).until(() -> !views.exemptions(marker).isEmpty());
        assertThat(invoices.find(fee2026.id()).orElseThrow().amounts().net().toPlainString()).isEqualTo("450.00");
        assertThat(invoices.find(fee2026.id()).orElseThrow().status()).isEqualTo(InvoiceStatus.OPEN);
    }

    /**
     * Acceptance testing: admitted on 7 December, a member was invoiced the whole year. A schedule whose event names
     * no rule for late admissions (one adopted before the rule existed) charges the months left: 1/12.
     */
    @Test
    void aMemberAdmittedOnSevenDecemberPaysTheMonthsLeftByDefault() {
        CLOCK.set(Instant.parse("2028-12-07T10:00:00Z"));
        adoptSchedule(2028, "2028-01-05T09:00:00Z", null);
        await().atMost(WAIT).until(() -> views.schedule(2028).isPresent());
        String member = UUID.randomUUID().toString();

        admit(member, "SME", CLOCK.instant());

        Invoice invoice = awaitInvoice(member, 2028);
        assertThat(invoice.amounts().gross().toPlainString()).as("450.00 x 1/12").isEqualTo("37.50");
        assertThat(invoice.amounts().net().toPlainString()).isEqualTo("37.50");
        await().atMost(WAIT).until(() -> balance(receivable(member)).compareTo(new BigDecimal("37.50")) == 0);
        Api.Answer shown = api.get("/api/finance/fees/invoices/" + invoice.id(), finance);
        assertThat(shown.at("/lateAdmission/rule")).isEqualTo("PRO_RATA_MONTHS");
        assertThat(shown.at("/lateAdmission/months")).isEqualTo("1");
    }

    // ---- helpers ----

    void adoptSchedule(int year, String adoptedAt, String lateAdmission) {
        String resolution = UUID.randomUUID().toString();
        broker.publish(COUNCIL, resolution, UUID.randomUUID().toString(), "cluster.membership.fee-schedule.adopted.v1",
                """
                {"resolutionId":"%s","feeYear":%d,"currency":"EUR","amounts":{"SME":"450.00","LARGE_COMPANY":"1200.00",
                 "RESEARCH":"300.00","EDUCATION":"100.00","ASSOCIATION":"50.00","PUBLIC_BODY":"0.00"},
                 %s"adoptedAt":"%s"}"""
                        .formatted(resolution, year, lateAdmission == null ? ""
                                : "\"lateAdmission\":\"" + lateAdmission + "\",", adoptedAt));
    }

    void exempt(String resolution, String member, String percent, String from, String until) {
        exempt(resolution, resolution, member, percent, from, until);
    }

    /** @param key the record's key: the same as an earlier grant's puts this one behind it */
    void exempt(String key, String resolution, String member, String percent, String from, String until) {
        broker.publish(COUNCIL, key, UUID.randomUUID().toString(),
                "cluster.membership.fee-exemption.granted.v1", """
                {"resolutionId":"%s","memberId":"%s","extent":"PARTIAL","percent":"%s","reason":"start-up",
                 "validFrom":"%s","validUntil":"%s","grantedAt":"%s"}"""
                        .formatted(resolution, member, percent, from, until, CLOCK.instant()));
    }

    void admit(String member, String category, Instant at) {
        broker.publish(MEMBERS, member, UUID.randomUUID().toString(), MEMBER + "admitted.v1", """
                {"memberId":"%s","reason":"council vote","admittedAt":"%s","profile":{"legalName":"Org %s",
                 "country":"FR","organisationType":"%s","sizeBand":"SMALL","competences":[]}}"""
                .formatted(member, at, member.substring(0, 8), category));
    }

    Invoice awaitInvoice(String member, int year) {
        return await().atMost(WAIT).until(() -> invoices.find(FeeInvoicing.invoiceId(member, year)),
                Optional::isPresent).orElseThrow();
    }

    BigDecimal balance(String account) {
        try {
            return ledger.balances().balance(account).amount();
        } catch (LedgerViolation unknown) {
            return BigDecimal.ZERO;
        }
    }

    static String receivable(String member) {
        return ChartOfAccounts.memberReceivableCode(member);
    }
}
