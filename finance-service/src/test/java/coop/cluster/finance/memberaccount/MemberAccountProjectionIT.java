package coop.cluster.finance.memberaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.memberaccount.domain.MemberAccount;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * finance-service opens a member account from "member applied", once, however often the event
 * arrives, and the account follows the member's status events.
 */
@EmbeddedInfraTest
@SpringBootTest(classes = FinanceApplication.class)
class MemberAccountProjectionIT {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_it"));
    }

    @Autowired MemberAccounts accounts;

    @Autowired MeterRegistry meters;

    @Test
    void appliesAMemberAppliedEventOnceEvenWhenDelivered3Times() {
        String memberId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        double duplicatesBefore = duplicates();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                EmbeddedInfra.shared().bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            for (int delivery = 0; delivery < 3; delivery++) {
                producer.send(applied(eventId, memberId, "Paris Mix"));
            }
            producer.send(applied(UUID.randomUUID().toString(), other, "Le Damier"));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.find(other).isPresent());
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                accounts.find(memberId).isPresent()
                                        && duplicates() - duplicatesBefore >= 2);
        MemberAccount account = accounts.find(memberId).orElseThrow();
        assertThat(account.legalName()).isEqualTo("Paris Mix");
        assertThat(account.status()).isEqualTo("PROSPECT");
        assertThat(account.eventsApplied())
                .as("three deliveries of one event take effect once")
                .isEqualTo(1);
    }

    /** Acceptance testing: the account stayed PROSPECT after the member was admitted. */
    @Test
    void theAccountFollowsTheMembersStatus() {
        String memberId = UUID.randomUUID().toString();
        String rejected = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                EmbeddedInfra.shared().bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.send(applied(UUID.randomUUID().toString(), memberId, "Agrinova"));
            producer.send(
                    event(
                            memberId,
                            "admitted",
                            """
                            {"memberId":"%s","status":"ACTIVE","reason":"complete file","admittedAt":"%s",
                             "profile":{"legalName":"Agrinova SARL","country":"MA","organisationType":"SME"}}\
                            """
                                    .formatted(memberId, Instant.now())));
            producer.send(applied(UUID.randomUUID().toString(), rejected, "Nobody"));
            producer.send(
                    event(
                            rejected,
                            "rejected",
                            "{\"memberId\":\"%s\",\"status\":\"REJECTED\",\"reason\":\"no\"}"
                                    .formatted(rejected)));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                accounts.find(memberId)
                                        .filter(a -> "ACTIVE".equals(a.status()))
                                        .isPresent());
        assertThat(accounts.find(memberId).orElseThrow().legalName()).isEqualTo("Agrinova SARL");
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                accounts.find(rejected)
                                        .filter(a -> "REJECTED".equals(a.status()))
                                        .isPresent());

        for (String[] step :
                new String[][] {
                    {"suspended", "SUSPENDED"}, {"reinstated", "ACTIVE"}, {"left", "LEFT"}
                }) {
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(
                            Map.of(
                                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    EmbeddedInfra.shared().bootstrapServers()),
                            new StringSerializer(),
                            new StringSerializer())) {
                producer.send(
                        event(
                                memberId,
                                step[0],
                                "{\"memberId\":\"%s\",\"status\":\"%s\",\"reason\":\"r\"}"
                                        .formatted(memberId, step[1])));
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    accounts.find(memberId)
                                            .filter(a -> step[1].equals(a.status()))
                                            .isPresent());
        }
        MemberAccount account = accounts.find(memberId).orElseThrow();
        assertThat(account.eventsApplied()).isEqualTo(5);
        assertThat(account.statusChangedAt()).isNotNull();

        // a lifecycle event without the member's status is poison (finance maps no event type to a
        // status of its
        // own): dead-lettered, it changes nothing; the next event, in order on the member's
        // partition, applies
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                EmbeddedInfra.shared().bootstrapServers()),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.send(
                    event(
                            memberId,
                            "excluded",
                            "{\"memberId\":\"%s\",\"reason\":\"r\"}".formatted(memberId)));
            producer.send(
                    event(
                            memberId,
                            "excluded",
                            "{\"memberId\":\"%s\",\"status\":\"EXCLUDED\",\"reason\":\"r\"}"
                                    .formatted(memberId)));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                accounts.find(memberId)
                                        .filter(a -> "EXCLUDED".equals(a.status()))
                                        .isPresent());
        assertThat(accounts.find(memberId).orElseThrow().eventsApplied())
                .as("the event without a status skipped")
                .isEqualTo(6);
    }

    private static ProducerRecord<String, String> event(String memberId, String type, String json) {
        var record = new ProducerRecord<>("membership.members", memberId, json);
        Map.of(
                        "ce_specversion",
                        "1.0",
                        "ce_id",
                        UUID.randomUUID().toString(),
                        "ce_type",
                        "cluster.membership.member." + type + ".v1",
                        "ce_source",
                        "/membership-service",
                        "ce_subject",
                        "members/" + memberId,
                        "ce_time",
                        Instant.now().toString(),
                        "content-type",
                        "application/json")
                .forEach(
                        (name, value) ->
                                record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private double duplicates() {
        return meters.counter("cluster.events.duplicates").count();
    }

    private static ProducerRecord<String, String> applied(
            String eventId, String memberId, String name) {
        var record =
                new ProducerRecord<>(
                        "membership.members",
                        memberId,
                        """
                        {"memberId":"%s","legalName":"%s","registrationNumber":"FR-1","country":"FR","appliedAt":"%s",
                         "aFieldFinanceDoesNotKnow":true}\
                        """
                                .formatted(memberId, name, Instant.now()));
        Map.of(
                        "ce_specversion",
                        "1.0",
                        "ce_id",
                        eventId,
                        "ce_type",
                        "cluster.membership.member.applied.v1",
                        "ce_source",
                        "/membership-service",
                        "ce_subject",
                        "members/" + memberId,
                        "ce_time",
                        Instant.now().toString(),
                        "content-type",
                        "application/json")
                .forEach(
                        (name1, value) ->
                                record.headers()
                                        .add(name1, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
