package coop.cluster.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.people.OrganisationPeople;
import coop.cluster.membership.testing.People;
import coop.cluster.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A member's life over HTTP: admission, profile edits under If-Match, delegate, suspension, leaving; and its events. */
@EmbeddedInfraTest
@SpringBootTest(classes = MembershipApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemberLifecycleIT {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("membership_lifecycle_it"));
        TestIssuer.shared().register(registry);
    }

    private static final String MANAGER = TestIssuer.shared().token("manon").roles("manager").sign();

    @LocalServerPort
    int port;

    @Autowired
    OrganisationPeople people;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void fromApplicationToLeavingEveryStepIsStoredAndAnnounced() throws Exception {
        String registration = "FR-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> applied = send("POST", "/api/members/applications", MANAGER, null,
                profile("Delta Robotique", registration, "Robotic cells"));
        assertThat(applied.statusCode()).isEqualTo(201);
        assertThat(applied.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(applied.body()).contains("\"sectors\":[\"C28.4\",\"J62.01\"]").contains("\"region\":\"FRK26\"");
        String id = field(applied.body(), "id");
        String own = TestIssuer.shared().token("lea").roles("member").memberId(id).sign();
        People.join(people, id, "lea");

        assertThat(send("POST", "/api/members/" + id + "/suspend", MANAGER, null, "{\"reason\":\"x\"}")
                .statusCode()).as("an applicant cannot be suspended").isEqualTo(409);
        HttpResponse<String> admitted = send("POST", "/api/members/" + id + "/admit", MANAGER, "\"0\"",
                "{\"reason\":\"complete file\"}");
        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(admitted.body()).contains("\"status\":\"ACTIVE\"");
        assertThat(admitted.headers().firstValue("ETag")).hasValue("\"1\"");

        String edited = profile("Delta Robotique SAS", registration.toLowerCase(), "Robotic cells and cobots");
        HttpResponse<String> noPrecondition = send("PUT", "/api/members/" + id + "/profile", own, null, edited);
        assertThat(noPrecondition.statusCode()).isEqualTo(428);
        assertThat(noPrecondition.body()).contains("if-match-required");
        HttpResponse<String> stale = send("PUT", "/api/members/" + id + "/profile", own, "\"0\"", edited);
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> fresh = send("PUT", "/api/members/" + id + "/profile", own, "\"1\"", edited);
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).contains("Delta Robotique SAS").contains("cobots");
        assertThat(send("PUT", "/api/members/" + id + "/profile", own, "\"1\"", edited).statusCode())
                .as("the same If-Match again is stale now").isEqualTo(412);
        HttpResponse<String> otherNumber = send("PUT", "/api/members/" + id + "/profile", own, "\"2\"",
                profile("Delta Robotique SAS", "FR-OTHER", "x"));
        assertThat(otherNumber.statusCode()).isEqualTo(422);

        assertThat(send("PUT", "/api/members/" + id + "/delegate", own, null,
                "{\"subject\":\"lea\",\"name\":\"Léa Martin\",\"email\":\"lea@example.org\"}").statusCode())
                .as("lea names herself: appointed at once").isEqualTo(200);
        assertThat(send("POST", "/api/members/" + id + "/suspend", MANAGER, null, "{\"reason\":\"fees unpaid\"}")
                .statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/api/members/" + id + "/delegate", own, null,
                "{\"subject\":\"lea\",\"name\":\"Léa\"}").body()).as("a suspended member appoints nobody")
                .contains("member-not-active");
        assertThat(send("POST", "/api/members/" + id + "/reinstate", MANAGER, null, null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> left = send("POST", "/api/members/" + id + "/leave", own, null,
                "{\"reason\":\"moving abroad\"}");
        assertThat(left.statusCode()).isEqualTo(200);
        assertThat(left.body()).contains("\"status\":\"LEFT\"").contains("\"delegate\":null");
        assertThat(send("POST", "/api/members/" + id + "/exclude", MANAGER, null, "{\"reason\":\"x\"}").statusCode())
                .as("nothing happens to a member that left").isEqualTo(409);

        assertThat(eventTypes(id)).containsExactly(
                "cluster.membership.member.applied.v1", "cluster.membership.member.admitted.v1",
                "cluster.membership.member.profile-changed.v1", "cluster.membership.member.delegate-appointed.v1",
                "cluster.membership.member.suspended.v1", "cluster.membership.member.reinstated.v1",
                "cluster.membership.member.left.v1");
    }

    @Test
    void invalidCodesAndMissingFieldsAreProblemsThatNameTheField() throws Exception {
        HttpResponse<String> badNace = send("POST", "/api/members/applications", MANAGER, null,
                profile("X", "X-" + UUID.randomUUID(), "x").replace("\"62.01\"", "\"34.1\""));
        assertThat(badNace.statusCode()).isEqualTo(400);
        assertThat(badNace.body()).contains("invalid-code").contains("34.1").contains("NACE");
        HttpResponse<String> badRegion = send("POST", "/api/members/applications", MANAGER, null,
                profile("X", "X-" + UUID.randomUUID().toString().substring(0, 8), "x").replace("FRK26", "BE24"));
        assertThat(badRegion.statusCode()).isEqualTo(400);
        assertThat(badRegion.body()).contains("region").contains("BE24");
        HttpResponse<String> missing = send("POST", "/api/members/applications", MANAGER, null,
                "{\"legalName\":\"X\",\"registrationNumber\":\"X-1\",\"country\":\"FR\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"organisationType\"").contains("\"field\":\"sizeBand\"");
        HttpResponse<String> tooBig = send("POST", "/api/members/applications", MANAGER, null,
                profile("X", "X-2", "x".repeat(2_000_000)));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> badTag = send("POST", "/api/members/" + UUID.randomUUID() + "/admit", MANAGER,
                "version-seven", null);
        assertThat(badTag.statusCode()).isIn(400, 404);
    }

    private static String profile(String name, String registration, String description) {
        return """
                {"legalName":"%s","registrationNumber":"%s","country":"FR","region":"FRK26",
                 "sectors":["28.4","62.01"],"organisationType":"SME","sizeBand":"SMALL",
                 "competences":["Robotics","mechatronics"],
                 "offeredResources":[{"type":"EQUIPMENT","description":"6-axis robot test cell"}],
                 "contacts":[{"name":"Léa Martin","role":"CEO","email":"lea@example.org"}],
                 "description":"%s","website":"https://delta.example"}
                """.formatted(name, registration, description);
    }

    private HttpResponse<String> send(String method, String path, String token, String ifMatch, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept-Language", "en")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    private static List<String> eventTypes(String memberId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("membership.members"));
            List<String> types = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (memberId.equals(record.key())) {
                        types.add(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
                    }
                }
                return types.size() >= 7;
            });
            return types;
        }
    }
}
