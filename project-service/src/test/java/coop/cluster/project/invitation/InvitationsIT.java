package coop.cluster.project.invitation;

import static coop.cluster.project.testing.Membership.admitted;
import static coop.cluster.project.testing.Membership.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Invitations over HTTP on the real broker and store: one invitee accepts and joins, one declines,
 * one lets it expire; refusals are problems; two racing answers have exactly one winner; a member
 * leaving the cluster has its pending invitations withdrawn, learnt from membership's event.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = ProjectApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cluster.invitations.expiry=PT6S", "cluster.invitations.sweep-interval=PT1S"})
class InvitationsIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("project_invitations_it"));
        TestIssuer.shared().register(registry);
    }

    private static final TopicEvents BROKER = Membership.broker();

    @LocalServerPort int port;

    @Autowired Members members;

    private Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void oneAcceptsOneDeclinesOneLetsItExpire() {
        String atlas = admitted(members);
        String delta = admitted(members);
        String brabant = admitted(members);
        String casa = admitted(members);
        String project = formingProject(atlas);
        String leader = token(atlas);

        String toDelta = invite(project, leader, delta, "machine vision partner");
        String toBrabant = invite(project, leader, brabant, "optics");
        String toCasa = invite(project, leader, casa, "software");

        Answer again =
                api.post(
                        "/api/projects/" + project + "/invitations",
                        leader,
                        inviteBody(delta, "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.at("/type")).endsWith("already-invited");
        Answer inbox = api.get("/api/invitations?status=PENDING", token(delta));
        assertThat(inbox.at("/content/0/id")).isEqualTo(toDelta);
        assertThat(inbox.at("/content/0/projectTitle")).isEqualTo("Olive robots");

        Answer accepted =
                api.post(
                        "/api/invitations/" + toDelta + "/accept",
                        token(delta),
                        "{\"message\":\"Glad to join\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.at("/status")).isEqualTo("ACCEPTED");
        Answer twice = api.post("/api/invitations/" + toDelta + "/decline", token(delta), null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.at("/type")).endsWith("invitation-closed");
        assertThat(
                        api.post("/api/invitations/" + toBrabant + "/accept", token(delta), null)
                                .status())
                .as("somebody else's invitation")
                .isEqualTo(404);
        assertThat(api.post("/api/invitations/" + toBrabant + "/accept", leader, null).status())
                .as("the leader does not answer for the invitee")
                .isEqualTo(403);
        assertThat(
                        api.post("/api/invitations/" + toBrabant + "/decline", token(brabant), null)
                                .at("/status"))
                .isEqualTo("DECLINED");
        Answer partnerAgain =
                api.post(
                        "/api/projects/" + project + "/invitations",
                        leader,
                        inviteBody(delta, "x"));
        assertThat(partnerAgain.at("/type")).endsWith("already-partner");

        Answer joined = api.get("/api/projects/" + project, leader);
        assertThat(joined.json().get("partners").findValuesAsString("memberId"))
                .contains(delta)
                .doesNotContain(brabant);

        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                "EXPIRED"
                                        .equals(
                                                api.get("/api/invitations/" + toCasa, leader)
                                                        .at("/status")));
        assertThat(api.post("/api/invitations/" + toCasa + "/accept", token(casa), null).status())
                .isEqualTo(409);

        assertThat(BROKER.read("project.invitations", toDelta, 2, Duration.ofSeconds(30)))
                .extracting(TopicEvents.Event::type)
                .containsExactly(
                        "cluster.project.invitation.sent.v1",
                        "cluster.project.invitation.accepted.v1");
        assertThat(
                        BROKER.read("project.invitations", toBrabant, 2, Duration.ofSeconds(30))
                                .get(1)
                                .type())
                .isEqualTo("cluster.project.invitation.declined.v1");
        assertThat(
                        BROKER.read("project.invitations", toCasa, 2, Duration.ofSeconds(30))
                                .get(1)
                                .type())
                .isEqualTo("cluster.project.invitation.expired.v1");
        var projectEvents = BROKER.read("project.projects", project, 3, Duration.ofSeconds(30));
        assertThat(projectEvents.get(2).type()).isEqualTo("cluster.project.partner.joined.v1");
        assertThat(projectEvents.get(2).data().get("memberId").asString()).isEqualTo(delta);
    }

    @Test
    void refusals() {
        String atlas = admitted(members);
        String leader = token(atlas);
        String draft = api.post("/api/projects", leader, "{\"title\":\"Draft\"}").at("/id");
        Answer notForming =
                api.post(
                        "/api/projects/" + draft + "/invitations",
                        leader,
                        inviteBody(admitted(members), "x"));
        assertThat(notForming.status()).isEqualTo(409);
        assertThat(notForming.at("/type")).endsWith("project-not-forming");

        String project = formingProject(atlas);
        String unknown = UUID.randomUUID().toString();
        Answer inactive =
                api.post(
                        "/api/projects/" + project + "/invitations",
                        leader,
                        inviteBody(unknown, "x"));
        assertThat(inactive.status()).isEqualTo(409);
        assertThat(inactive.at("/type")).endsWith("member-not-active");
        assertThat(
                        api.post(
                                        "/api/projects/" + project + "/invitations",
                                        leader,
                                        inviteBody(atlas, "x"))
                                .status())
                .isEqualTo(409);
        assertThat(
                        api.post(
                                        "/api/projects/" + project + "/invitations",
                                        leader,
                                        "{\"memberId\":\"nope\"}")
                                .status())
                .isEqualTo(400);
        String other = admitted(members);
        assertThat(
                        api.post(
                                        "/api/projects/" + project + "/invitations",
                                        token(other),
                                        inviteBody(admitted(members), "x"))
                                .status())
                .as("only the leader invites")
                .isEqualTo(403);
        String toOther = invite(project, leader, other, "x");
        assertThat(
                        api.post("/api/invitations/" + toOther + "/withdraw", token(other), null)
                                .status())
                .isEqualTo(403);
        assertThat(
                        api.post(
                                        "/api/invitations/" + toOther + "/withdraw",
                                        leader,
                                        "{\"message\":\"sorry\"}")
                                .at("/status"))
                .isEqualTo("WITHDRAWN");
        assertThat(api.post("/api/invitations/" + toOther + "/accept", token(other), null).status())
                .isEqualTo(409);
    }

    @Test
    void twoAnswersRacingHaveExactlyOneWinner() throws Exception {
        String atlas = admitted(members);
        String project = formingProject(atlas);
        for (int round = 0; round < 5; round++) {
            String invitee = admitted(members);
            String invitation = invite(project, token(atlas), invitee, "partner " + round);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (String action : List.of("accept", "decline")) {
                answers.add(
                        CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        start.await();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    return api.post(
                                            "/api/invitations/" + invitation + "/" + action,
                                            token(invitee),
                                            null);
                                }));
            }
            start.countDown();
            List<Integer> statuses = answers.stream().map(f -> f.join().status()).sorted().toList();
            assertThat(statuses).as("round " + round).containsExactly(200, 409);
            String status = api.get("/api/invitations/" + invitation, token(invitee)).at("/status");
            assertThat(status).isIn("ACCEPTED", "DECLINED");
            assertThat(BROKER.read("project.invitations", invitation, 2, Duration.ofSeconds(30)))
                    .as("one answer published")
                    .hasSize(2);
        }
    }

    @Test
    void aMemberLeavingTheClusterHasItsPendingInvitationsWithdrawn() {
        String atlas = admitted(members);
        String leaving = admitted(members);
        String first = invite(formingProject(atlas), token(atlas), leaving, "x");
        String second = invite(formingProject(atlas), token(atlas), leaving, "y");
        Membership.announce(
                leaving,
                "left",
                "{\"memberId\":\"" + leaving + "\",\"status\":\"LEFT\",\"reason\":\"moving\"}");
        for (String invitation : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    "WITHDRAWN"
                                            .equals(
                                                    api.get(
                                                                    "/api/invitations/"
                                                                            + invitation,
                                                                    token(atlas))
                                                            .at("/status")));
            var withdrawn =
                    BROKER.read("project.invitations", invitation, 2, Duration.ofSeconds(30))
                            .get(1);
            assertThat(withdrawn.type()).isEqualTo("cluster.project.invitation.withdrawn.v1");
            assertThat(withdrawn.data().get("reason").asString()).isEqualTo("member-left");
        }
    }

    @Test
    void theLeadershipMovesWhenAcceptedAndAPartnerLeaves() {
        String atlas = admitted(members);
        String delta = admitted(members);
        String project = formingProject(atlas);
        String toDelta = invite(project, token(atlas), delta, "co-lead");
        api.post("/api/invitations/" + toDelta + "/accept", token(delta), null);

        assertThat(api.post("/api/projects/" + project + "/leave", token(atlas), null).at("/type"))
                .endsWith("leader-cannot-leave");
        Answer offered =
                api.put(
                        "/api/projects/" + project + "/leadership",
                        token(atlas),
                        "{\"memberId\":\"" + delta + "\"}");
        assertThat(offered.status()).as(offered.body()).isEqualTo(200);
        assertThat(offered.at("/proposedLeader")).isEqualTo(delta);
        assertThat(offered.at("/leaderId")).as("not before it is accepted").isEqualTo(atlas);
        Answer taken =
                api.post("/api/projects/" + project + "/leadership/accept", token(delta), null);
        assertThat(taken.at("/leaderId")).isEqualTo(delta);
        assertThat(
                        api.post(
                                        "/api/projects/" + project + "/leadership/accept",
                                        token(delta),
                                        null)
                                .status())
                .as("the offer is spent")
                .isEqualTo(403);

        Answer left =
                api.post(
                        "/api/projects/" + project + "/leave",
                        token(atlas),
                        "{\"reason\":\"focus\"}");
        assertThat(left.status()).as(left.body()).isEqualTo(200);
        assertThat(left.json().get("partners").toString()).doesNotContain(atlas);
        assertThat(api.post("/api/projects/" + project + "/leave", token(atlas), null).status())
                .as("no longer a partner")
                .isEqualTo(403);

        var events = BROKER.read("project.projects", project, 6, Duration.ofSeconds(30));
        assertThat(events)
                .extracting(TopicEvents.Event::type)
                .containsExactly(
                        "cluster.project.project.created.v1", "cluster.project.project.updated.v1",
                        "cluster.project.partner.joined.v1", "cluster.project.project.updated.v1",
                        "cluster.project.project.updated.v1", "cluster.project.partner.left.v1");
        assertThat(events.get(3).data().get("change").asString()).isEqualTo("leadership-offered");
        assertThat(events.get(4).data().get("change").asString()).isEqualTo("leader-changed");
        assertThat(events.get(4).data().get("leaderId").asString()).isEqualTo(delta);
        assertThat(events.get(5).data().get("reason").asString()).isEqualTo("focus");
    }

    private String invite(String project, String leader, String invitee, String role) {
        Answer sent =
                api.post(
                        "/api/projects/" + project + "/invitations",
                        leader,
                        inviteBody(invitee, role));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.at("/status")).isEqualTo("PENDING");
        return sent.at("/id");
    }

    private static String inviteBody(String member, String role) {
        return "{\"memberId\":\"%s\",\"role\":\"%s\",\"message\":\"Join us\"}"
                .formatted(member, role);
    }

    private String formingProject(String leader) {
        String id =
                api.post("/api/projects", token(leader), "{\"title\":\"Olive robots\"}").at("/id");
        assertThat(api.post("/api/projects/" + id + "/open", token(leader), null).at("/status"))
                .isEqualTo("FORMING");
        return id;
    }
}
