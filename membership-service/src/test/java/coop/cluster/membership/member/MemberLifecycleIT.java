package coop.cluster.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.people.OrganisationPeople;
import coop.cluster.membership.testing.Api;
import coop.cluster.membership.testing.People;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A member's life over HTTP: admission, profile edits under If-Match, delegate, suspension,
 * leaving; and its events.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = MembershipApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemberLifecycleIT {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("membership_lifecycle_it"));
        TestIssuer.shared().register(registry);
    }

    private static final String MANAGER =
            TestIssuer.shared().token("manon").roles("manager").sign();

    @LocalServerPort int port;

    @Autowired OrganisationPeople people;

    private Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void fromApplicationToLeavingEveryStepIsStoredAndAnnounced() {
        String registration = "FR-" + UUID.randomUUID().toString().substring(0, 8);
        Answer applied =
                api.post(
                        "/api/members/applications",
                        MANAGER,
                        profile("Delta Robotique", registration, "Robotic cells"));
        assertThat(applied.status()).isEqualTo(201);
        assertThat(applied.raw().headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(strings(applied.json().at("/profile/sectors")))
                .containsExactly("C28.4", "J62.01");
        assertThat(applied.at("/profile/region")).isEqualTo("FRK26");
        String id = applied.at("/id");
        String own = TestIssuer.shared().token("lea").roles("member").memberId(id).sign();
        People.join(people, id, "lea");

        assertThat(
                        api.post("/api/members/" + id + "/suspend", MANAGER, "{\"reason\":\"x\"}")
                                .status())
                .as("an applicant cannot be suspended")
                .isEqualTo(409);
        Answer admitted =
                api.send(
                        "POST",
                        "/api/members/" + id + "/admit",
                        MANAGER,
                        "{\"reason\":\"complete file\"}",
                        "\"0\"");
        assertThat(admitted.status()).isEqualTo(200);
        assertThat(admitted.at("/status")).isEqualTo("ACTIVE");
        assertThat(admitted.raw().headers().firstValue("ETag")).hasValue("\"1\"");

        String edited =
                profile(
                        "Delta Robotique SAS",
                        registration.toLowerCase(),
                        "Robotic cells and cobots");
        Answer noPrecondition = api.put("/api/members/" + id + "/profile", own, edited);
        assertThat(noPrecondition.status()).isEqualTo(428);
        assertThat(noPrecondition.at("/type")).endsWith("if-match-required");
        Answer stale = api.send("PUT", "/api/members/" + id + "/profile", own, edited, "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        Answer fresh = api.send("PUT", "/api/members/" + id + "/profile", own, edited, "\"1\"");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.at("/profile/legalName")).isEqualTo("Delta Robotique SAS");
        assertThat(fresh.at("/profile/description")).isEqualTo("Robotic cells and cobots");
        assertThat(
                        api.send("PUT", "/api/members/" + id + "/profile", own, edited, "\"1\"")
                                .status())
                .as("the same If-Match again is stale now")
                .isEqualTo(412);
        Answer otherNumber =
                api.send(
                        "PUT",
                        "/api/members/" + id + "/profile",
                        own,
                        profile("Delta Robotique SAS", "FR-OTHER", "x"),
                        "\"2\"");
        assertThat(otherNumber.status()).isEqualTo(422);

        assertThat(
                        api.put(
                                        "/api/members/" + id + "/delegate",
                                        own,
                                        "{\"subject\":\"lea\",\"name\":\"Léa"
                                                + " Martin\",\"email\":\"lea@example.org\"}")
                                .status())
                .as("lea names herself: appointed at once")
                .isEqualTo(200);
        assertThat(
                        api.post(
                                        "/api/members/" + id + "/suspend",
                                        MANAGER,
                                        "{\"reason\":\"fees unpaid\"}")
                                .status())
                .isEqualTo(200);
        assertThat(
                        api.put(
                                        "/api/members/" + id + "/delegate",
                                        own,
                                        "{\"subject\":\"lea\",\"name\":\"Léa\"}")
                                .at("/type"))
                .as("a suspended member appoints nobody")
                .endsWith("member-not-active");
        assertThat(api.post("/api/members/" + id + "/reinstate", MANAGER, null).status())
                .isEqualTo(200);
        Answer left =
                api.post("/api/members/" + id + "/leave", own, "{\"reason\":\"moving abroad\"}");
        assertThat(left.status()).isEqualTo(200);
        assertThat(left.at("/status")).isEqualTo("LEFT");
        assertThat(left.json().get("delegate").isNull())
                .as("the delegate gave up the seat")
                .isTrue();
        assertThat(
                        api.post("/api/members/" + id + "/exclude", MANAGER, "{\"reason\":\"x\"}")
                                .status())
                .as("nothing happens to a member that left")
                .isEqualTo(409);

        List<TopicEvents.Event> events = Api.events("membership.members", id, 7);
        assertThat(events)
                .extracting(TopicEvents.Event::type)
                .containsExactly(
                        "cluster.membership.member.applied.v1",
                        "cluster.membership.member.admitted.v1",
                        "cluster.membership.member.profile-changed.v1",
                        "cluster.membership.member.delegate-appointed.v1",
                        "cluster.membership.member.suspended.v1",
                        "cluster.membership.member.reinstated.v1",
                        "cluster.membership.member.left.v1");
        assertThat(events)
                .as("every lifecycle event states the member's status after it")
                .filteredOn(e -> !e.type().contains("delegate"))
                .extracting(e -> e.data().path("status").asString())
                .containsExactly("APPLIED", "ACTIVE", "ACTIVE", "SUSPENDED", "ACTIVE", "LEFT");
    }

    @Test
    void invalidCodesAndMissingFieldsAreProblemsThatNameTheField() {
        Answer badNace =
                api.post(
                        "/api/members/applications",
                        MANAGER,
                        profile("X", "X-" + UUID.randomUUID(), "x")
                                .replace("\"62.01\"", "\"34.1\""));
        assertThat(badNace.status()).isEqualTo(400);
        assertThat(badNace.at("/type")).endsWith("invalid-code");
        assertThat(badNace.at("/detail")).contains("34.1").contains("NACE");
        Answer badRegion =
                api.post(
                        "/api/members/applications",
                        MANAGER,
                        profile("X", "X-" + UUID.randomUUID().toString().substring(0, 8), "x")
                                .replace("FRK26", "BE24"));
        assertThat(badRegion.status()).isEqualTo(400);
        assertThat(badRegion.at("/type")).endsWith("invalid-code");
        assertThat(badRegion.at("/detail")).contains("region").contains("BE24");
        Answer missing =
                api.post(
                        "/api/members/applications",
                        MANAGER,
                        "{\"legalName\":\"X\",\"registrationNumber\":\"X-1\",\"country\":\"FR\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").findValuesAsString("field"))
                .contains("organisationType", "sizeBand");
        Answer tooBig =
                api.post(
                        "/api/members/applications",
                        MANAGER,
                        profile("X", "X-2", "x".repeat(2_000_000)));
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        Answer badTag =
                api.send(
                        "POST",
                        "/api/members/" + UUID.randomUUID() + "/admit",
                        MANAGER,
                        null,
                        "version-seven");
        assertThat(badTag.status()).isIn(400, 404);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String profile(String name, String registration, String description) {
        return """
        {"legalName":"%s","registrationNumber":"%s","country":"FR","region":"FRK26",
         "sectors":["28.4","62.01"],"organisationType":"SME","sizeBand":"SMALL",
         "competences":["Robotics","mechatronics"],
         "offeredResources":[{"type":"EQUIPMENT","description":"6-axis robot test cell"}],
         "contacts":[{"name":"Léa Martin","role":"CEO","email":"lea@example.org"}],
         "description":"%s","website":"https://delta.example"}
        """
                .formatted(name, registration, description);
    }
}
