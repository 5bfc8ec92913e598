package coop.cluster.project.project;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Projects over HTTP on the real broker and store: the members are known from membership's events
 * only; an active member starts, edits and opens a project, others see it once it is past its
 * draft, and every step is published.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = ProjectApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectsIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("project_projects_it"));
        TestIssuer.shared().register(registry);
    }

    private static final TopicEvents BROKER = Membership.broker();

    @LocalServerPort int port;

    @Autowired Members members;

    @Autowired MongoTemplate mongo;

    private Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void anActiveMemberStartsEditsAndOpensAProjectAndEachStepIsPublished() {
        String atlas = member("ACTIVE");
        String delta = member("ACTIVE");
        String amina = token("amina", atlas);
        String lea = token("lea", delta);

        Answer started = api.post("/api/projects", amina, project("Olive robots"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.raw().headers().firstValue("ETag")).hasValue("\"0\"");
        String id = started.at("/id");
        assertThat(started.at("/status")).isEqualTo("DRAFT");
        assertThat(started.at("/leaderId")).isEqualTo(atlas);
        assertThat(started.at("/neededCompetences/0")).isEqualTo("machine vision");
        assertThat(started.at("/neededResources/0/type")).isEqualTo("EQUIPMENT");

        assertThat(api.get("/api/projects/" + id, lea).status())
                .as("another member's draft")
                .isEqualTo(404);
        assertThat(api.put("/api/projects/" + id, amina, project("Olive robots II")).status())
                .as("no If-Match")
                .isEqualTo(428);
        assertThat(
                        api.send(
                                        "PUT",
                                        "/api/projects/" + id,
                                        amina,
                                        project("Olive robots II"),
                                        "\"7\"")
                                .status())
                .as("stale If-Match")
                .isEqualTo(412);
        Answer edited =
                api.send("PUT", "/api/projects/" + id, amina, project("Olive robots II"), "\"0\"");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.at("/title")).isEqualTo("Olive robots II");
        Answer opened = api.post("/api/projects/" + id + "/open", amina, null);
        assertThat(opened.at("/status")).isEqualTo("FORMING");

        assertThat(api.get("/api/projects/" + id, lea).status())
                .as("past its draft")
                .isEqualTo(200);
        Answer notLeader = api.send("PUT", "/api/projects/" + id, lea, project("Hijack"), "\"2\"");
        assertThat(notLeader.status()).isEqualTo(403);
        assertThat(notLeader.at("/type")).endsWith("not-the-leader");
        assertThat(ids(api.get("/api/projects?status=FORMING", lea))).contains(id);
        assertThat(ids(api.get("/api/projects?mine=true", lea))).doesNotContain(id);

        Answer abandoned =
                api.post(
                        "/api/projects/" + id + "/abandon",
                        amina,
                        "{\"reason\":\"no call this year\"}");
        assertThat(abandoned.at("/status")).isEqualTo("ABANDONED");
        assertThat(api.post("/api/projects/" + id + "/open", amina, null).status()).isEqualTo(409);

        List<TopicEvents.Event> events =
                BROKER.read("project.projects", id, 4, Duration.ofSeconds(30));
        assertThat(events)
                .extracting(TopicEvents.Event::type)
                .containsExactly(
                        "cluster.project.project.created.v1", "cluster.project.project.updated.v1",
                        "cluster.project.project.updated.v1",
                                "cluster.project.project.abandoned.v1");
        assertThat(events.get(0).data().get("project").get("title").asString())
                .isEqualTo("Olive robots");
        assertThat(events.get(2).data().get("change").asString()).isEqualTo("opened");
        assertThat(events.get(3).data().get("reason").asString()).isEqualTo("no call this year");
    }

    @Test
    void aStartRetriedUnderTheSameIdempotencyKeyIsOneProjectWithOneEvent() {
        String atlas = member("ACTIVE");
        String amina = token("amina", atlas);
        String key = "start-" + UUID.randomUUID();

        Answer first =
                api.post(
                        "/api/projects",
                        amina,
                        project("Retried robots"),
                        Map.of("Idempotency-Key", key));
        Answer retry =
                api.post(
                        "/api/projects",
                        amina,
                        project("Retried robots"),
                        Map.of("Idempotency-Key", key));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String id = first.at("/id");
        assertThat(retry.at("/id")).isEqualTo(id);
        Answer reused =
                api.post(
                        "/api/projects",
                        amina,
                        project("Another project"),
                        Map.of("Idempotency-Key", key));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.at("/type")).endsWith("idempotency-conflict");
        assertThat(
                        api.post(
                                        "/api/projects",
                                        token("lea", member("ACTIVE")),
                                        project("Retried robots"),
                                        Map.of("Idempotency-Key", key))
                                .status())
                .as("another person's key is their own")
                .isEqualTo(201);
        assertThat(mongo.count(Query.query(Criteria.where("leader").is(atlas)), "projects"))
                .isEqualTo(1);

        // one created event, and nothing after it
        assertThat(BROKER.read("project.projects", id, 1, Duration.ofSeconds(30)))
                .extracting(TopicEvents.Event::type)
                .containsExactly("cluster.project.project.created.v1");
        Answer opened = api.post("/api/projects/" + id + "/open", amina, null);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(BROKER.read("project.projects", id, 2, Duration.ofSeconds(30)))
                .extracting(TopicEvents.Event::type)
                .containsExactly(
                        "cluster.project.project.created.v1", "cluster.project.project.updated.v1");
    }

    @Test
    void onlyAnActiveMemberStartsAProjectAndBadInputIsAProblem() {
        String suspended = member("SUSPENDED");
        Answer refused = api.post("/api/projects", token("sam", suspended), project("Nope"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/type")).endsWith("member-not-active");
        String unknown = UUID.randomUUID().toString();
        assertThat(api.post("/api/projects", token("ugo", unknown), project("Nope")).status())
                .isEqualTo(409);
        assertThat(
                        api.post(
                                        "/api/projects",
                                        TestIssuer.shared().token("manon").roles("manager").sign(),
                                        project("Nope"))
                                .status())
                .as("managers do not start projects")
                .isEqualTo(403);

        String active = token("ann", member("ACTIVE"));
        long before = mongo.count(new Query(), "projects");
        Answer badType =
                api.post("/api/projects", active, project("X").replace("equipment", "money"));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.at("/type")).endsWith("invalid-resource-type");
        Answer noTitle = api.post("/api/projects", active, "{\"theme\":\"x\"}");
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.json().path("errors").findValuesAsString("field")).contains("title");
        assertThat(api.post("/api/projects", active, project("x".repeat(2_000_000))).status())
                .isEqualTo(413);
        assertThat(api.post("/api/projects", active, "{not json").status()).isEqualTo(400);
        assertThat(mongo.count(new Query(), "projects"))
                .as("nothing half-written")
                .isEqualTo(before);
    }

    @Test
    void aProjectWhoseTargetCallClosesIsFlaggedOnceAndUnflaggedWhenTheCallReopens() {
        String atlas = member("ACTIVE");
        String amina = token("amina", atlas);
        String call = "call-" + UUID.randomUUID();
        String id = api.post("/api/projects", amina, aiming("Olive robots", call)).at("/id");
        String other =
                api.post("/api/projects", amina, aiming("Elsewhere", "call-" + UUID.randomUUID()))
                        .at("/id");
        assertThat(api.post("/api/projects/" + id + "/open", amina, null).at("/status"))
                .isEqualTo("FORMING");

        fundingWatch(call, "published", callJson(call, "OPEN"));
        String closedEvent = UUID.randomUUID().toString();
        String closed =
                "{\"callId\":\"%s\",\"closedAt\":\"2027-03-12T16:00:00Z\",\"reason\":\"deadline-passed\"}"
                        .formatted(call);
        Membership.broker()
                .publish(
                        "fundingwatch.calls",
                        call,
                        closedEvent,
                        "cluster.fundingwatch.call.closed.v1",
                        closed);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                api.get("/api/projects/" + id, amina).at("/targetCallClosedAt")
                                        != null);
        assertThat(api.get("/api/projects/" + id, amina).at("/targetCallClosedAt"))
                .isEqualTo("2027-03-12T16:00:00Z");
        assertThat(ids(api.get("/api/projects?targetCallClosed=true", amina)))
                .contains(id)
                .doesNotContain(other);

        // The same event again (a redelivery) and a second closing change nothing.
        Membership.broker()
                .publish(
                        "fundingwatch.calls",
                        call,
                        closedEvent,
                        "cluster.fundingwatch.call.closed.v1",
                        closed);
        fundingWatch(call, "updated", callJson(call, "CLOSED"));

        // A project started afterwards for the call, known closed, is flagged at once.
        Answer late = api.post("/api/projects", amina, aiming("Too late", call));
        assertThat(late.at("/targetCallClosedAt")).isEqualTo("2027-03-12T16:00:00Z");

        // The deadline moved: the call is open again, and the flag is lifted.
        fundingWatch(call, "updated", callJson(call, "OPEN"));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                api.get("/api/projects/" + id, amina).at("/targetCallClosedAt")
                                        == null);
        // Aiming at another call lifts a flag too.
        fundingWatch(
                call,
                "closed",
                "{\"callId\":\"%s\",\"reason\":\"deadline-passed\"}".formatted(call));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                api.get("/api/projects/" + id, amina).at("/targetCallClosedAt")
                                        != null);
        String version =
                api.get("/api/projects/" + id, amina)
                        .raw()
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow();
        Answer retargeted =
                api.send(
                        "PUT",
                        "/api/projects/" + id,
                        amina,
                        aiming("Olive robots", "call-next"),
                        version);
        assertThat(retargeted.status()).as(retargeted.body()).isEqualTo(200);
        assertThat(retargeted.at("/targetCallClosedAt")).isNull();

        List<TopicEvents.Event> events =
                BROKER.read("project.projects", id, 6, Duration.ofSeconds(30));
        assertThat(events)
                .extracting(e -> e.data().path("change").asString(""))
                .containsExactly(
                        "",
                        "opened",
                        "target-call-closed",
                        "target-call-reopened",
                        "target-call-closed",
                        "details");
        assertThat(events.get(2).data().get("project").get("targetCallClosedAt").asString())
                .isEqualTo("2027-03-12T16:00:00Z");
        assertThat(BROKER.read("project.projects", other, 1, Duration.ofSeconds(30))).hasSize(1);
    }

    private static void fundingWatch(String call, String change, String json) {
        Membership.broker()
                .publish(
                        "fundingwatch.calls",
                        call,
                        UUID.randomUUID().toString(),
                        "cluster.fundingwatch.call." + change + ".v1",
                        json);
    }

    private static String callJson(String call, String status) {
        return """
        {"callId":"%s","source":"eu-ft","reference":"HORIZON-CL6-2027-01","call":{"title":"Agri robotics",
         "programme":"HORIZON","status":"%s","deadlines":["2027-03-12T16:00:00Z"],"url":"https://x.eu"}}\
        """
                .formatted(call, status);
    }

    private static String aiming(String title, String call) {
        return "{\"title\":\"%s\",\"targetCallId\":\"%s\"}".formatted(title, call);
    }

    /** A member that membership announced, in the given state, once the view has it. */
    private String member(String state) {
        String id =
                Membership.admitted(
                        members,
                        """
                        {"legalName":"Org %s","country":"FR","region":"FRK26","sectors":["C28.4"],
                         "organisationType":"SME","sizeBand":"SMALL","competences":["robotics"],"offeredResources":[],
                         "description":"x"}\
                        """
                                .formatted(UUID.randomUUID().toString().substring(0, 6)));
        if ("SUSPENDED".equals(state)) {
            Membership.announce(
                    id,
                    "suspended",
                    "{\"memberId\":\"" + id + "\",\"status\":\"SUSPENDED\",\"reason\":\"fees\"}");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> members.find(id).map(m -> m.status().equals(state)).orElse(false));
        }
        return id;
    }

    /** The ids of a page of projects. */
    private static List<String> ids(Answer page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json().path("content").findValuesAsString("id");
    }

    private static String token(String user, String member) {
        return TestIssuer.shared()
                .token(user + "-" + member.substring(0, 6))
                .roles("member")
                .memberId(member)
                .sign();
    }

    private static String project(String title) {
        return """
        {"title":"%s","description":"Vision-guided sorting of olives","theme":"agritech",
         "neededCompetences":["Machine Vision","robotics"],
         "neededResources":[{"type":"equipment","description":"a pilot mill"}]}\
        """
                .formatted(title);
    }
}
