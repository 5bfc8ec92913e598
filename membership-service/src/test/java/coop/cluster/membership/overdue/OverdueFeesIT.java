package coop.cluster.membership.overdue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.council.Council;
import coop.cluster.membership.council.domain.OverduePolicy;
import coop.cluster.membership.council.domain.VoteChoice;
import coop.cluster.membership.member.CouncilRoll;
import coop.cluster.membership.member.Members;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.MemberStatus;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.domain.SizeBand;
import coop.cluster.membership.people.OrganisationPeople;
import coop.cluster.membership.testing.Api;
import coop.cluster.membership.testing.People;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Finance's "fee overdue" on the real broker suspends a member only by the policy the council
 * adopted, once per invoice; "fee paid" calls off a suspension that was waiting for its day; a
 * notice without its member is dead-lettered.
 */
@EmbeddedInfraTest
@SpringBootTest(classes = MembershipApplication.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverdueFeesIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("membership_overdue_it"));
        TestIssuer.shared().register(registry);
    }

    @Autowired Members members;

    @Autowired Council council;

    @Autowired CouncilRoll roll;

    @Autowired MongoTemplate mongo;

    @Autowired OrganisationPeople people;

    @Autowired MeterRegistry meters;

    @Test
    @Order(1)
    void withoutAnAdoptedPolicyAnOverdueFeeSuspendsNobody() {
        MemberId member = activeMember(false);
        double before = notices("no-policy");
        overdue(UUID.randomUUID().toString(), "INV-0", member, LocalDate.now().minusDays(90));
        await().atMost(Duration.ofSeconds(30)).until(() -> notices("no-policy") > before);
        assertThat(members.get(member).status()).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    @Order(2)
    void byTheAdoptedPolicyAnInvoiceSuspendsOnceEvenAfterReinstatement() {
        adoptPolicy(30);
        MemberId member = activeMember(false);
        String invoice = "INV-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        overdue(eventId, invoice, member, LocalDate.now().minusDays(31));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> members.get(member).status() == MemberStatus.SUSPENDED);
        assertThat(members.get(member).statusReason()).contains(invoice).contains("450.00 EUR");
        List<TopicEvents.Event> events = Api.events("membership.members", member.value(), 3);
        assertThat(events.get(2).type()).isEqualTo("cluster.membership.member.suspended.v1");
        assertThat(events.get(2).data().get("cause").asString()).isEqualTo("fee-overdue");

        members.reinstate(member, "payment plan agreed", null);
        double unchanged = notices("unchanged");
        overdue(eventId, invoice, member, LocalDate.now().minusDays(31));
        overdue(UUID.randomUUID().toString(), invoice, member, LocalDate.now().minusDays(31));
        await().atMost(Duration.ofSeconds(30)).until(() -> notices("unchanged") >= unchanged + 1);
        assertThat(members.get(member).status())
                .as("the same invoice does not suspend twice")
                .isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    @Order(3)
    void aSuspensionWaitsForItsDayAndPaymentCallsItOff() {
        adoptPolicy(30);
        MemberId member = activeMember(false);
        String invoice = "INV-" + UUID.randomUUID();
        overdue(UUID.randomUUID().toString(), invoice, member, LocalDate.now().minusDays(5));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                mongo.exists(
                                        Query.query(
                                                org.springframework.data.mongodb.core.query.Criteria
                                                        .where("_id")
                                                        .is(invoice)),
                                        "overdue_suspensions"));
        assertThat(members.get(member).status()).isEqualTo(MemberStatus.ACTIVE);
        Api.publish(
                "finance.fees",
                invoice,
                UUID.randomUUID().toString(),
                "cluster.finance.fee.paid.v1",
                "{\"invoiceId\":\"%s\",\"memberId\":\"%s\"}".formatted(invoice, member));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                !mongo.exists(
                                        Query.query(
                                                org.springframework.data.mongodb.core.query.Criteria
                                                        .where("_id")
                                                        .is(invoice)),
                                        "overdue_suspensions"));
        assertThat(members.get(member).status()).isEqualTo(MemberStatus.ACTIVE);
    }

    @Test
    @Order(4)
    void aNoticeWithoutItsMemberIsDeadLettered() {
        String eventId = UUID.randomUUID().toString();
        Api.publish(
                "finance.fees",
                "INV-X",
                eventId,
                "cluster.finance.fee.overdue.v1",
                "{\"invoiceId\":\"INV-X\",\"dueDate\":\"2026-01-31\"}");
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
            consumer.subscribe(List.of("membership-service.overdue-fees.dlt"));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                for (var record : consumer.poll(Duration.ofMillis(200))) {
                                    var id = record.headers().lastHeader("ce_id");
                                    if (id != null
                                            && eventId.equals(
                                                    new String(
                                                            id.value(),
                                                            java.nio.charset.StandardCharsets
                                                                    .UTF_8))) {
                                        return true;
                                    }
                                }
                                return false;
                            });
        }
    }

    private void overdue(String eventId, String invoice, MemberId member, LocalDate dueDate) {
        Api.publish(
                "finance.fees",
                invoice,
                eventId,
                "cluster.finance.fee.overdue.v1",
                """
                {"invoiceId":"%s","memberId":"%s","feeYear":2026,"amountDue":"450.00","currency":"EUR",
                 "dueDate":"%s","daysOverdue":%d,"somethingNew":true}
                """
                        .formatted(
                                invoice,
                                member,
                                dueDate,
                                LocalDate.now().toEpochDay() - dueDate.toEpochDay()));
    }

    private double notices(String outcome) {
        var counter =
                meters.find("cluster.membership.overdue.notices").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private MemberId activeMember(boolean withDelegate) {
        String registration = "OV-" + UUID.randomUUID().toString().substring(0, 8);
        MemberId id =
                members.apply(
                                Profile.of(
                                        "Overdue Org " + registration,
                                        registration,
                                        "TN",
                                        null,
                                        List.of(),
                                        OrganisationType.SME,
                                        SizeBand.SMALL,
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        null,
                                        null),
                                "manon")
                        .id();
        members.admit(id, null, null);
        if (withDelegate) {
            People.join(people, id, "delegate-" + registration);
            members.appointDelegate(id, "delegate-" + registration, "Delegate", null, null);
        }
        return id;
    }

    private void adoptPolicy(int days) {
        if (council.overduePolicy()
                .filter(p -> p.suspend() && p.suspendAfterDays() == days)
                .isPresent()) {
            return;
        }
        activeMember(true);
        var proposal =
                council.table(
                        "Suspend after " + days + " days overdue",
                        new OverduePolicy(true, days),
                        null,
                        "manon");
        for (CouncilRoll.Seat seat : roll.seats()) {
            council.vote(proposal.id(), seat, VoteChoice.FOR);
        }
        assertThat(council.overduePolicy()).contains(new OverduePolicy(true, days));
    }
}
