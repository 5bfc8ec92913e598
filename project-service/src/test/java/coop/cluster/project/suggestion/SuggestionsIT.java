package coop.cluster.project.suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.project.ProjectApplication;
import coop.cluster.project.testing.Membership;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Partner suggestions over HTTP, from profiles that membership announced on the real broker: ranked
 * by fit, with reasons, leaving out inactive members, partners and members already invited.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = ProjectApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cluster.suggestions.poll-interval=200ms")
class SuggestionsIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("project_suggestions_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ProfileIndex profiles;

    @Test
    void membersAreRankedByFitWithReasons() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String vision = "vision-" + tag;
        String optics = "optics-" + tag;
        String leader = member("Leader " + tag, List.of(vision), null, true);
        String atelier =
                member("Atelier " + tag, List.of(vision, "robotics"), "a 6-axis robot cell", true);
        String brabant = member("Brabant " + tag, List.of(optics), null, true);
        String casa = member("Casa " + tag, List.of(vision), null, true);
        String suspended = member("Dormant " + tag, List.of(vision, optics), "a lab", false);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                profiles.get(casa) != null
                                        && profiles.get(suspended) == null
                                        && profiles.get(atelier) != null);

        Api api = new Api(port);
        String token =
                TestIssuer.shared().token("lead-" + tag).roles("member").memberId(leader).sign();
        String project =
                api.post(
                                "/api/projects",
                                token,
                                """
                                {"title":"Vision %s","neededCompetences":["%s","%s"],
                                 "neededResources":[{"type":"EQUIPMENT","description":"a robot"}]}\
                                """
                                        .formatted(tag, vision, optics))
                        .at("/id");
        api.post("/api/projects/" + project + "/open", token, null);

        Answer ranked = api.get("/api/projects/" + project + "/suggestions", token);
        assertThat(ranked.status()).as(ranked.body()).isEqualTo(200);
        assertThat(ids(ranked)).containsExactly(atelier, brabant, casa);
        assertThat(ranked.at("/content/0/score")).isEqualTo("5");
        assertThat(ranked.json().at("/content/0/reasons").valueStream().map(JsonNode::asString))
                .contains("competence: " + vision, "offers EQUIPMENT: a 6-axis robot cell");
        assertThat(ranked.at("/content/1/reasons/0")).isEqualTo("competence: " + optics);

        assertThat(
                        api.post(
                                        "/api/projects/" + project + "/invitations",
                                        token,
                                        "{\"memberId\":\"" + brabant + "\",\"role\":\"optics\"}")
                                .status())
                .isEqualTo(201);
        assertThat(ids(api.get("/api/projects/" + project + "/suggestions", token)))
                .as("an invited member is left out")
                .containsExactly(atelier, casa);
        assertThat(ids(api.get("/api/projects/" + project + "/suggestions?size=1&page=1", token)))
                .containsExactly(casa);
    }

    private static List<String> ids(Answer answer) {
        List<String> ids = new ArrayList<>();
        answer.json().get("content").forEach(s -> ids.add(s.get("memberId").asString()));
        return ids;
    }

    private static String member(
            String name, List<String> competences, String equipment, boolean active) {
        String id = UUID.randomUUID().toString();
        String resources =
                equipment == null
                        ? "[]"
                        : "[{\"type\":\"EQUIPMENT\",\"description\":\"" + equipment + "\"}]";
        Membership.announce(
                id,
                "admitted",
                """
                {"memberId":"%s","status":"ACTIVE","profile":{"legalName":"%s","country":"BE","organisationType":"SME",
                 "competences":%s,"offeredResources":%s}}\
                """
                        .formatted(
                                id,
                                name,
                                competences.stream().map(c -> "\"" + c + "\"").toList(),
                                resources));
        if (!active) {
            Membership.announce(
                    id, "suspended", "{\"memberId\":\"" + id + "\",\"status\":\"SUSPENDED\"}");
        }
        return id;
    }
}
