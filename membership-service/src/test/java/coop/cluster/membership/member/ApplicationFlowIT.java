package coop.cluster.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.testing.Api;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Applying through the HTTP API stores the member and publishes "member applied" on Kafka. */
@EmbeddedInfraTest
@SpringBootTest(
        classes = MembershipApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationFlowIT {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("membership_it"));
        TestIssuer.shared().register(registry);
    }

    private static final String MANAGER =
            TestIssuer.shared().token("manon").roles("manager").sign();
    private static final String APPLICATIONS = "/api/members/applications";

    @LocalServerPort int port;

    private Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void anApplicationIsStoredAndAnnouncedWithTheRequestsCorrelationId() {
        String registration = "RC-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created =
                api.post(
                        APPLICATIONS,
                        MANAGER,
                        """
                        {"legalName":"Maroc Numeric Cluster","registrationNumber":"%s","country":"MA",
                         "organisationType":"ASSOCIATION","sizeBand":"SMALL"}
                        """
                                .formatted(registration),
                        Map.of("X-Correlation-Id", "corr-apply-1"));

        assertThat(created.status()).isEqualTo(201);
        String location = created.raw().headers().firstValue("Location").orElseThrow();
        String memberId = location.substring(location.lastIndexOf('/') + 1);
        assertThat(created.at("/status")).isEqualTo("APPLIED");

        Answer read = api.get(location, MANAGER);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.at("/profile/registrationNumber")).isEqualTo(registration);

        TopicRecords.Received event = applied(memberId).getFirst();
        assertThat(event.type()).isEqualTo("cluster.membership.member.applied.v1");
        assertThat(event.subject()).isEqualTo("members/" + memberId);
        assertThat(event.headers().get("ce_source")).isEqualTo("/membership-service");
        assertThat(event.headers().get("ce_correlationid")).isEqualTo("corr-apply-1");
        assertThat(event.headers().get("traceparent"))
                .as("the request's trace continues in the consumers")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(event.data().path("registrationNumber").asString()).isEqualTo(registration);
        assertThat(event.data().path("status").asString()).isEqualTo("APPLIED");
    }

    @Test
    void aSecondApplicationWithTheSameRegistrationNumberIsRefused() {
        String body =
                """
                {"legalName":"C2TM","registrationNumber":"RC-%s","country":"MA","organisationType":"ASSOCIATION","sizeBand":"SMALL"}
                """
                        .formatted(UUID.randomUUID().toString().substring(0, 8));
        assertThat(api.post(APPLICATIONS, MANAGER, body).status()).isEqualTo(201);

        Answer again = api.sendIn("fr", "POST", APPLICATIONS, MANAGER, body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(again.at("/title")).isEqualTo("Déjà membre ou candidat");
    }

    @Test
    void aRetryUnderTheSameIdempotencyKeyAnswersTheStoredApplicationAndPublishesOneEvent() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String body =
                """
                {"legalName":"Retry Robotique","registrationNumber":"RC-K-%s","country":"TN","organisationType":"SME","sizeBand":"MICRO"}
                """
                        .formatted(suffix);
        String key = "apply-" + suffix;

        Answer first = postKeyed(body, key);
        Answer retry = postKeyed(body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String location = first.raw().headers().firstValue("Location").orElseThrow();
        assertThat(retry.raw().headers().firstValue("Location")).hasValue(location);
        String memberId = location.substring(location.lastIndexOf('/') + 1);

        // the same key for another organisation is refused, and stores nothing
        String other = body.replace("RC-K-" + suffix, "RC-L-" + suffix);
        Answer reused = postKeyed(other, key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.at("/type")).endsWith("idempotency-conflict");
        assertThat(postKeyed(other, "other-" + suffix).status())
                .as("the other registration is still free")
                .isEqualTo(201);
        assertThat(postKeyed(body, "two words").status()).isEqualTo(400);

        applied(memberId);
        // whatever arrives within another two seconds: still the one event
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                records()
                                                .byKey("membership.members")
                                                .getOrDefault(memberId, List.of())
                                                .size()
                                        == 1);
    }

    private Answer postKeyed(String json, String key) {
        return api.post(APPLICATIONS, MANAGER, json, Map.of("Idempotency-Key", key));
    }

    @Test
    void badInputIsAProblemThatNamesTheField() {
        Answer response =
                api.post(
                        APPLICATIONS,
                        MANAGER,
                        """
                        {"legalName":"Agrinova","registrationNumber":"RC-1","country":"Morocco","organisationType":"ASSOCIATION","sizeBand":"MICRO"}
                        """);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(response.at("/errors/0/field")).isEqualTo("country");
        assertThat(response.at("/errors/0/message")).contains("ISO 3166");
    }

    @Test
    void aUserWithoutAnOrganisationMayApplyButAMembersUserMayNot() {
        String newcomer = TestIssuer.shared().token("nadia").roles("member").sign();
        String alreadyMember =
                TestIssuer.shared()
                        .token("amina")
                        .roles("member")
                        .memberId("11111111-1111-4111-8111-111111111111")
                        .sign();
        String body =
                """
                {"legalName":"Tunis Smart Textile","registrationNumber":"TN-%s","country":"TN","organisationType":"SME","sizeBand":"MICRO"}
                """
                        .formatted(UUID.randomUUID().toString().substring(0, 8));

        Answer refused = api.post(APPLICATIONS, alreadyMember, body);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.at("/type")).endsWith("apply-forbidden");
        assertThat(api.post(APPLICATIONS, newcomer, body).status()).isEqualTo(201);
    }

    /**
     * A person who signed up on the platform has no organisation and no role yet (docs/people.md).
     */
    @Test
    void aSignedUpPersonWithoutAnyRoleMayApplyButFinanceStaffMayNot() {
        String signedUp = TestIssuer.shared().token("0b7e4c1e-5d7a-4f0e-9a57-3c1f4f2a9b10").sign();
        String finance = TestIssuer.shared().token("farid").roles("finance").sign();
        String body =
                """
                {"legalName":"Sfax Olive Tech","registrationNumber":"TN-%s","country":"TN","organisationType":"SME","sizeBand":"MICRO"}
                """;

        assertThat(
                        api.post(
                                        APPLICATIONS,
                                        finance,
                                        body.formatted(
                                                UUID.randomUUID().toString().substring(0, 8)))
                                .status())
                .isEqualTo(403);
        assertThat(
                        api.post(
                                        APPLICATIONS,
                                        signedUp,
                                        body.formatted(
                                                UUID.randomUUID().toString().substring(0, 8)))
                                .status())
                .isEqualTo(201);
    }

    private static TopicRecords records() {
        return new TopicRecords(EmbeddedInfra.shared().bootstrapServers());
    }

    /**
     * The records published under {@code memberId} on {@code membership.members}, once there is
     * one.
     */
    private static List<TopicRecords.Received> applied(String memberId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                records()
                                        .byKey("membership.members")
                                        .getOrDefault(memberId, List.of()),
                        seen -> !seen.isEmpty());
    }
}
