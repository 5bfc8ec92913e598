package coop.cluster.membership.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.group.Groups;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * The directory over HTTP: members created and admitted by a manager appear in it within the
 * indexer's poll, found by text and by every filter, with their contacts and groups; a suspended
 * member disappears; users of an organisation that is not an active member are refused.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = MembershipApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cluster.directory.poll-interval=200ms")
class DirectoryIT {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("membership_directory_it"));
        TestIssuer.shared().register(registry);
    }

    private static final String MANAGER =
            TestIssuer.shared().token("manon").roles("manager").sign();

    @LocalServerPort int port;

    @Autowired Groups groups;

    private Api api;

    /** A word no other test's member has, so that searches see only this test's members. */
    private String tag;

    @BeforeEach
    void tag() {
        api = new Api(port);
        Random random = new Random();
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        tag = word.toString();
    }

    @Test
    void admittedMembersAreFoundByTextAndFiltersWithTheirContacts() {
        String delta =
                admitted(
                        profile(
                                "Delta Robotique " + tag,
                                "FR",
                                "FRK26",
                                "[\"28.4\",\"62.01\"]",
                                "SME",
                                "[\"Robotics\",\"" + tag + "-tag\"]",
                                "EQUIPMENT",
                                "6-axis robot test cell",
                                "Cellules robotisées pour l'usinage"));
        String lab =
                admitted(
                        profile(
                                "Institut Numérique " + tag,
                                "BE",
                                "BE33",
                                "[\"72.19\"]",
                                "RESEARCH",
                                "[\"computer vision\"]",
                                "EXPERTISE",
                                "Vision for robotic picking",
                                "Applied research"));
        String casa =
                admitted(
                        profile(
                                "Maroc Numeric " + tag,
                                "MA",
                                null,
                                "[\"J62.02\"]",
                                "ASSOCIATION",
                                "[\"software\"]",
                                "SERVICES",
                                "Cloud hosting",
                                "Digital services"));
        String member = TestIssuer.shared().token("lea").roles("member").memberId(delta).sign();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(names(search(member, "q=" + tag))).hasSize(3));

        assertThat(names(search(member, "q=robot+" + tag)))
                .first()
                .isEqualTo("Delta Robotique " + tag);
        assertThat(names(search(member, "q=" + tag + "&sector=J62")))
                .containsExactly("Delta Robotique " + tag, "Maroc Numeric " + tag);
        assertThat(names(search(member, "q=" + tag + "&sector=72")))
                .containsExactly("Institut Numérique " + tag);
        assertThat(names(search(member, "q=" + tag + "&region=FRK")))
                .containsExactly("Delta Robotique " + tag);
        assertThat(names(search(member, "q=" + tag + "&region=MA&region=BE")))
                .containsExactlyInAnyOrder("Institut Numérique " + tag, "Maroc Numeric " + tag);
        assertThat(names(search(member, "competence=" + tag + "-TAG")))
                .containsExactly("Delta Robotique " + tag);
        assertThat(names(search(member, "q=" + tag + "&resource=expertise")))
                .containsExactly("Institut Numérique " + tag);
        assertThat(names(search(member, "q=" + tag + "&type=ASSOCIATION")))
                .containsExactly("Maroc Numeric " + tag);

        String robots =
                groups.createByResolution(
                                UUID.randomUUID().toString(),
                                "Robots " + tag,
                                null,
                                List.of("robotics"))
                        .id();
        groups.join(robots, new MemberId(delta));
        groups.join(robots, new MemberId(casa));
        JsonNode group = search(member, "group=" + robots);
        assertThat(names(group)).containsExactly("Delta Robotique " + tag, "Maroc Numeric " + tag);
        assertThat(group.get("content").get(0).get("groups").get(0).get("name").asString())
                .isEqualTo("Robots " + tag);

        JsonNode page = search(member, "q=" + tag + "&size=2&page=1");
        assertThat(page.get("totalElements").asLong()).isEqualTo(3);
        assertThat(page.get("totalPages").asInt()).isEqualTo(2);
        assertThat(page.get("content")).hasSize(1);

        JsonNode hit = search(member, "q=usinage+" + tag).get("content").get(0);
        assertThat(hit.get("id").asString()).isEqualTo(delta);
        assertThat(hit.get("contacts").get(0).get("email").asString())
                .isEqualTo("contact@" + tag + ".example");
        assertThat(hit.get("sectors").valueStream().map(JsonNode::asString))
                .containsExactly("C28.4", "J62.01");
        assertThat(hit.get("score").asDouble()).isPositive();
        assertThat(hit.has("registrationNumber")).isFalse();
        assertThat(lab).isNotBlank();
    }

    @Test
    void aSuspendedMemberDisappearsAndComesBackWhenReinstated() {
        String id =
                admitted(
                        profile(
                                "Suspendable " + tag,
                                "FR",
                                "FRL04",
                                "[\"62.01\"]",
                                "SME",
                                "[]",
                                "PREMISES",
                                "Office",
                                "x"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> names(search(MANAGER, "q=" + tag)).size() == 1);
        assertThat(
                        api.send(
                                        "POST",
                                        "/api/members/" + id + "/suspend",
                                        MANAGER,
                                        "{\"reason\":\"fees unpaid\"}")
                                .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> names(search(MANAGER, "q=" + tag)).isEmpty());
        String own = TestIssuer.shared().token("sus").roles("delegate").memberId(id).sign();
        assertThat(api.send("GET", "/api/directory?q=x", own, null).status())
                .as("a suspended member's users no longer see the directory")
                .isEqualTo(403);
        assertThat(api.send("POST", "/api/members/" + id + "/reinstate", MANAGER, null).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> names(search(MANAGER, "q=" + tag)).size() == 1);
    }

    @Test
    void usersOfAnApplicantOrOfNoMemberAreRefused() {
        Answer applied =
                api.send(
                        "POST",
                        "/api/members/applications",
                        MANAGER,
                        profile(
                                "Applicant " + tag,
                                "FR",
                                null,
                                "[]",
                                "SME",
                                "[]",
                                "SERVICES",
                                "x",
                                "x"));
        String id = applied.at("/id");
        String applicant =
                TestIssuer.shared().token("newcomer").roles("member").memberId(id).sign();
        Answer refused = api.send("GET", "/api/directory", applicant, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.at("/type")).endsWith("directory-members-only");
        String unknown =
                TestIssuer.shared()
                        .token("ghost")
                        .roles("member")
                        .memberId(UUID.randomUUID().toString())
                        .sign();
        assertThat(api.send("GET", "/api/directory", unknown, null).status()).isEqualTo(403);
        String orphan = TestIssuer.shared().token("orphan").roles("member").sign();
        assertThat(api.send("GET", "/api/directory", orphan, null).status()).isEqualTo(403);
    }

    @Test
    void invalidParametersAreProblems() {
        assertProblem(
                api.send("GET", "/api/directory?resource=ROBOTS", MANAGER, null), 400, "ROBOTS");
        assertProblem(
                api.send("GET", "/api/directory?type=COMPANY", MANAGER, null), 400, "COMPANY");
        assertProblem(api.send("GET", "/api/directory?sector=34.1", MANAGER, null), 400, "34.1");
        // acceptance testing: a group or class that NACE Rev. 2 does not have answered 200 with no
        // hits
        assertProblem(
                api.send("GET", "/api/directory?sector=99.9", MANAGER, null), 400, "invalid-code");
        assertProblem(api.send("GET", "/api/directory?sector=62.05", MANAGER, null), 400, "62.05");
        assertProblem(api.send("GET", "/api/directory?sector=J62.1", MANAGER, null), 400, "J62.1");
        assertProblem(api.send("GET", "/api/directory?region=F-R", MANAGER, null), 400, "F-R");
        assertProblem(
                api.send("GET", "/api/directory?q=" + "x".repeat(201), MANAGER, null), 400, "q");
        assertProblem(api.send("GET", "/api/directory?size=101", MANAGER, null), 400, "size");
        assertProblem(api.send("GET", "/api/directory?page=-1", MANAGER, null), 400, "page");
        assertProblem(
                api.send("GET", "/api/directory?page=500&size=100", MANAGER, null),
                400,
                "directory-too-deep");
        assertProblem(
                api.send("GET", "/api/directory?group=no-such-group", MANAGER, null),
                404,
                "no-such-group");
        assertThat(
                        api.send(
                                        "GET",
                                        "/api/directory?resource=premises&type=sme&sector=J&region=fr&q=%C3%A9t%C3%A9",
                                        MANAGER,
                                        null)
                                .status())
                .isEqualTo(200);
        assertThat(
                        api.send(
                                        "GET",
                                        "/api/directory?sector=99.0&sector=U99.00&sector=62.0&sector=C28.99",
                                        MANAGER,
                                        null)
                                .status())
                .isEqualTo(200);
    }

    /** A problem whose type, detail or errors (field or message) mention {@code mention}. */
    private static void assertProblem(Answer response, int status, String mention) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        JsonNode problem = response.json();
        List<String> said =
                new ArrayList<>(
                        List.of(
                                problem.path("type").asString(""),
                                problem.path("detail").asString("")));
        problem.path("errors")
                .forEach(
                        error -> {
                            said.add(error.path("field").asString(""));
                            said.add(error.path("message").asString(""));
                        });
        assertThat(said).as(response.body()).anySatisfy(text -> assertThat(text).contains(mention));
    }

    private String admitted(String profile) {
        Answer applied = api.send("POST", "/api/members/applications", MANAGER, profile);
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        String id = applied.at("/id");
        assertThat(api.send("POST", "/api/members/" + id + "/admit", MANAGER, "{}").status())
                .isEqualTo(200);
        return id;
    }

    private String profile(
            String name,
            String country,
            String region,
            String sectors,
            String type,
            String competences,
            String resource,
            String resourceDescription,
            String description) {
        return """
        {"legalName":"%s","registrationNumber":"%s","country":"%s",%s
         "sectors":%s,"organisationType":"%s","sizeBand":"SMALL","competences":%s,
         "offeredResources":[{"type":"%s","description":"%s"}],
         "contacts":[{"name":"Contact Person","role":"CEO","email":"contact@%s.example"}],
         "description":"%s","website":"https://%s.example"}
        """
                .formatted(
                        name,
                        "R-" + UUID.randomUUID().toString().substring(0, 13),
                        country,
                        region == null ? "" : "\"region\":\"" + region + "\",",
                        sectors,
                        type,
                        competences,
                        resource,
                        resourceDescription,
                        tag,
                        description,
                        tag);
    }

    private JsonNode search(String token, String query) {
        Answer response = api.send("GET", "/api/directory?" + query, token, null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .hasValue("application/json");
        return response.json();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("content").forEach(hit -> names.add(hit.get("legalName").asString()));
        return names;
    }
}
