package coop.cluster.project.project;

import static coop.cluster.project.testing.Membership.admitted;
import static coop.cluster.project.testing.Membership.token;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.project.ProjectApplication;
import coop.cluster.project.member.Members;
import coop.cluster.project.testing.Membership;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The partnership agreement over HTTP on the real broker and store: the leader drafts it, a change
 * voids the signatures, every partner signs the current version, the project becomes active and
 * "agreement signed" is published with the whole content.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = ProjectApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgreementIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("project_agreement_it"));
        TestIssuer.shared().register(registry);
    }

    private static final TopicEvents BROKER = Membership.broker();

    @LocalServerPort int port;

    @Autowired Members members;

    @Test
    void everyPartnerSignsTheCurrentVersionAndTheProjectBecomesActive() {
        Api api = new Api(port);
        String atlas = admitted(members);
        String brabant = admitted(members);
        String delta = admitted(members);
        String project =
                api.post("/api/projects", token(atlas), "{\"title\":\"Olive robots\"}").at("/id");
        api.post("/api/projects/" + project + "/open", token(atlas), null);
        for (String partner : new String[] {brabant, delta}) {
            String invitation =
                    api.post(
                                    "/api/projects/" + project + "/invitations",
                                    token(atlas),
                                    "{\"memberId\":\"" + partner + "\",\"role\":\"partner\"}")
                            .at("/id");
            assertThat(
                            api.post(
                                            "/api/invitations/" + invitation + "/accept",
                                            token(partner),
                                            null)
                                    .status())
                    .isEqualTo(200);
        }

        Answer missing =
                api.put(
                        "/api/projects/" + project + "/agreement",
                        token(atlas),
                        agreement(atlas, brabant, delta, null));
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.at("/type")).endsWith("contribution-missing");
        assertThat(
                        api.put(
                                        "/api/projects/" + project + "/agreement",
                                        token(atlas),
                                        agreement(atlas, brabant, delta, "2500.505"))
                                .at("/type"))
                .endsWith("invalid-amount");
        assertThat(
                        api.put(
                                        "/api/projects/" + project + "/agreement",
                                        token(brabant),
                                        agreement(atlas, brabant, delta, "1"))
                                .status())
                .as("only the leader drafts")
                .isEqualTo(403);

        Answer v1 =
                api.put(
                        "/api/projects/" + project + "/agreement",
                        token(atlas),
                        agreement(atlas, brabant, delta, "2500.50"));
        assertThat(v1.status()).as(v1.body()).isEqualTo(200);
        assertThat(v1.at("/agreement/content/version")).isEqualTo("1");
        assertThat(sign(api, project, brabant, 1).status()).isEqualTo(200);
        assertThat(sign(api, project, brabant, 1).at("/type")).endsWith("already-signed");

        Answer v2 =
                api.put(
                        "/api/projects/" + project + "/agreement",
                        token(atlas),
                        agreement(atlas, brabant, delta, "3000.00"));
        assertThat(v2.at("/agreement/content/version")).isEqualTo("2");
        assertThat(v2.json().get("agreement").get("awaiting")).hasSize(3);
        assertThat(sign(api, project, delta, 1).at("/type"))
                .as("signing a version that changed")
                .endsWith("agreement-changed");
        assertThat(sign(api, project, brabant, 2).at("/status")).isEqualTo("FORMING");
        assertThat(sign(api, project, delta, 2).at("/status")).isEqualTo("FORMING");
        Answer last = sign(api, project, atlas, 2);
        assertThat(last.at("/status")).isEqualTo("ACTIVE");
        assertThat(last.at("/agreement/signedByAll")).isEqualTo("true");

        var events = BROKER.read("project.projects", project, 8, Duration.ofSeconds(30));
        var signed =
                events.stream()
                        .filter(e -> e.type().equals("cluster.project.agreement.signed.v1"))
                        .toList();
        assertThat(signed).hasSize(1);
        var content = signed.getFirst().data().get("agreement");
        assertThat(content.get("version").asInt()).isEqualTo(2);
        assertThat(content.get("currency").asString()).isEqualTo("EUR");
        assertThat(content.get("contributions").get(2).get("money").asString())
                .isEqualTo("3000.00");
        assertThat(content.get("contributions").get(1).get("inKindValue").asString())
                .isEqualTo("5000.00");
        assertThat(content.get("coordinator").asString()).isEqualTo(atlas);
        assertThat(signed.getFirst().data().get("signatures").size()).isEqualTo(3);
        assertThat(events.getLast().type()).isEqualTo("cluster.project.project.updated.v1");
        assertThat(events.getLast().data().get("change").asString()).isEqualTo("activated");
    }

    private Answer sign(Api api, String project, String member, int version) {
        return api.post(
                "/api/projects/" + project + "/agreement/signatures",
                token(member),
                "{\"version\":" + version + "}");
    }

    /**
     * @param deltaMoney delta's contribution; null leaves delta without one
     */
    private static String agreement(String atlas, String brabant, String delta, String deltaMoney) {
        String deltaContribution =
                deltaMoney == null
                        ? ""
                        : ",{\"memberId\":\"%s\",\"money\":\"%s\"}".formatted(delta, deltaMoney);
        return """
        {"currency":"EUR","coordinator":"%1$s","settlementRule":"Costs shared pro rata of contributions",
         "contributions":[{"memberId":"%1$s","money":"10000.00"},
                          {"memberId":"%2$s","inKind":"Optics lab time","inKindValue":"5000.00"}%4$s],
         "tasks":[{"title":"Vision module","responsible":"%2$s"},{"title":"Pilot","responsible":"%3$s"}]}
        """
                .formatted(atlas, brabant, delta, deltaContribution);
    }
}
