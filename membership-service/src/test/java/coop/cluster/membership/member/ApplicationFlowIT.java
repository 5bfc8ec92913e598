package coop.cluster.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Applying through the HTTP API stores the member and publishes "member applied" on Kafka. */
@EmbeddedInfraTest
@SpringBootTest(classes = MembershipApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationFlowIT {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("membership_it"));
        TestIssuer.shared().register(registry);
    }

    private static final String MANAGER = TestIssuer.shared().token("manon").roles("manager").sign();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anApplicationIsStoredAndAnnouncedWithTheRequestsCorrelationId() throws Exception {
        String registration = "RC-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = post("""
                {"legalName":"Maroc Numeric Cluster","registrationNumber":"%s","country":"MA",
                 "organisationType":"ASSOCIATION","sizeBand":"SMALL"}
                """.formatted(registration), "corr-apply-1", "en");

        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String memberId = location.substring(location.lastIndexOf('/') + 1);
        assertThat(created.body()).contains("\"status\":\"APPLIED\"");

        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base() + location))
                        .header("Authorization", "Bearer " + MANAGER).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains(registration);

        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("membership.members"));
            List<ConsumerRecord<String, String>> seen = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> memberId.equals(r.key()));
            });
            ConsumerRecord<String, String> event = seen.stream().filter(r -> memberId.equals(r.key())).findFirst()
                    .orElseThrow();
            assertThat(header(event, "ce_type")).isEqualTo("cluster.membership.member.applied.v1");
            assertThat(header(event, "ce_subject")).isEqualTo("members/" + memberId);
            assertThat(header(event, "ce_source")).isEqualTo("/membership-service");
            assertThat(header(event, "ce_correlationid")).isEqualTo("corr-apply-1");
            assertThat(header(event, "traceparent")).as("the request's trace continues in the consumers")
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            assertThat(event.value()).contains("\"registrationNumber\":\"" + registration + "\"");
        }
    }

    @Test
    void aSecondApplicationWithTheSameRegistrationNumberIsRefused() throws Exception {
        String body = """
                {"legalName":"C2TM","registrationNumber":"RC-%s","country":"MA","organisationType":"ASSOCIATION","sizeBand":"SMALL"}
                """.formatted(UUID.randomUUID().toString().substring(0, 8));
        assertThat(post(body, null, "en").statusCode()).isEqualTo(201);

        HttpResponse<String> again = post(body, null, "fr");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(again.body()).contains("Déjà membre ou candidat");
    }

    @Test
    void aRetryUnderTheSameIdempotencyKeyAnswersTheStoredApplicationAndPublishesOneEvent() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"legalName":"Retry Robotique","registrationNumber":"RC-K-%s","country":"TN","organisationType":"SME","sizeBand":"MICRO"}
                """.formatted(suffix);
        String key = "apply-" + suffix;

        HttpResponse<String> first = postKeyed(body, key);
        HttpResponse<String> retry = postKeyed(body, key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(retry.headers().firstValue("Location")).hasValue(location);
        String memberId = location.substring(location.lastIndexOf('/') + 1);

        // the same key for another organisation is refused, and stores nothing
        String other = body.replace("RC-K-" + suffix, "RC-L-" + suffix);
        HttpResponse<String> reused = postKeyed(other, key);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.body()).contains("idempotency-conflict");
        assertThat(postKeyed(other, "other-" + suffix).statusCode()).as("the other registration is still free")
                .isEqualTo(201);
        assertThat(postKeyed(body, "two words").statusCode()).isEqualTo(400);

        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("membership.members"));
            List<ConsumerRecord<String, String>> applied = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (memberId.equals(r.key())) {
                        applied.add(r);
                    }
                });
                return !applied.isEmpty();
            });
            // whatever arrives within another two seconds: still the one event
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (memberId.equals(r.key())) {
                        applied.add(r);
                    }
                });
            }
            assertThat(applied).hasSize(1);
        }
    }

    private HttpResponse<String> postKeyed(String json, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/api/members/applications"))
                .header("Authorization", "Bearer " + MANAGER)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badInputIsAProblemThatNamesTheField() throws Exception {
        HttpResponse<String> response = post("""
                {"legalName":"Agrinova","registrationNumber":"RC-1","country":"Morocco","organisationType":"ASSOCIATION","sizeBand":"MICRO"}
                """, null, "en");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"field\":\"country\"").contains("ISO 3166");
    }

    @Test
    void aUserWithoutAnOrganisationMayApplyButAMembersUserMayNot() throws Exception {
        String newcomer = TestIssuer.shared().token("nadia").roles("member").sign();
        String alreadyMember = TestIssuer.shared().token("amina").roles("member")
                .memberId("11111111-1111-4111-8111-111111111111").sign();
        String body = """
                {"legalName":"Tunis Smart Textile","registrationNumber":"TN-%s","country":"TN","organisationType":"SME","sizeBand":"MICRO"}
                """.formatted(UUID.randomUUID().toString().substring(0, 8));

        HttpResponse<String> refused = post(body, null, "en", alreadyMember);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("apply-forbidden");
        assertThat(post(body, null, "en", newcomer).statusCode()).isEqualTo(201);
    }

    /** A person who signed up on the platform has no organisation and no role yet (docs/people.md). */
    @Test
    void aSignedUpPersonWithoutAnyRoleMayApplyButFinanceStaffMayNot() throws Exception {
        String signedUp = TestIssuer.shared().token("0b7e4c1e-5d7a-4f0e-9a57-3c1f4f2a9b10").sign();
        String finance = TestIssuer.shared().token("farid").roles("finance").sign();
        String body = """
                {"legalName":"Sfax Olive Tech","registrationNumber":"TN-%s","country":"TN","organisationType":"SME","sizeBand":"MICRO"}
                """;

        assertThat(post(body.formatted(UUID.randomUUID().toString().substring(0, 8)), null, "en", finance)
                .statusCode()).isEqualTo(403);
        assertThat(post(body.formatted(UUID.randomUUID().toString().substring(0, 8)), null, "en", signedUp)
                .statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> post(String json, String correlationId, String language) throws Exception {
        return post(json, correlationId, language, MANAGER);
    }

    private HttpResponse<String> post(String json, String correlationId, String language, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/api/members/applications"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static KafkaConsumer<String, String> consumer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
