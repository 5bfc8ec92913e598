package coop.cluster.fundingwatch.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.fundingwatch.FundingWatchApplication;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Matching end to end on the real broker and store: members, a group and a project reach
 * funding-watch as membership's and project's events, a member keeps a watch; a call pushed through
 * the feed intake is matched, and "opportunity matched" comes out on {@code
 * fundingwatch.opportunities} with scores and reasons, once per call and target; the member's
 * recommended calls say the same.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FundingWatchApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.matching.poll-interval=PT0.3S",
            "cluster.calls.index-poll-interval=PT0.5S"
        })
class OpportunityMatchingIT {

    private static final TopicRecords RECORDS =
            new TopicRecords(EmbeddedInfra.shared().bootstrapServers());

    private static final String TOPIC = "fundingwatch.opportunities";
    private static final String FEED = "agency-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String BRUSSELS = "be-h2-" + RUN;
    private static final String LYON = "fr-h2-" + RUN;
    private static final String WINERY = "be-wine-" + RUN;
    private static final String LATE = "be-late-" + RUN;
    private static final String GROUP = "g-h2-" + RUN;
    private static final String PROJECT = "p-ports-" + RUN;

    private static TopicEvents events;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("funding_watch_matching_it_" + RUN));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired TargetIndex index;

    @BeforeAll
    static void publisher() {
        events = new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    }

    @Test
    void aCallIsMatchedOncePerTargetWithReasonsAndRecommendedToTheMembersItFits() {
        Api api = new Api(port);
        admit(BRUSSELS, "BE", "BE100", "[\"hydrogen storage\"]", "[\"J62.01\"]");
        admit(LYON, "FR", "FRK26", "[\"hydrogen storage\"]", "[]");
        admit(WINERY, "BE", null, "[\"wine making\"]", "[]");
        events.publish(
                "membership.groups",
                GROUP,
                UUID.randomUUID().toString(),
                "cluster.membership.group.created.v1",
                """
                {"groupId":"%s","name":"Hydrogen valley","description":"","interests":["hydrogen"],
                 "resolutionId":"r1","createdAt":"%s"}\
                """
                        .formatted(GROUP, Instant.now()));
        events.publish(
                "membership.groups",
                GROUP,
                UUID.randomUUID().toString(),
                "cluster.membership.group.membership-changed.v1",
                """
                {"groupId":"%s","memberId":"%s","change":"JOINED","members":1,"changedAt":"%s"}\
                """
                        .formatted(GROUP, WINERY, Instant.now()));
        events.publish(
                "project.projects",
                PROJECT,
                UUID.randomUUID().toString(),
                "cluster.project.project.created.v1",
                """
                {"projectId":"%s","leaderId":"%s","createdAt":"%s","project":{"title":"Green ports",
                 "description":"","theme":"ports","neededCompetences":["hydrogen","electrolysers"],
                 "neededResources":[],"targetCallId":null,"status":"FORMING","partners":["%s"]}}\
                """
                        .formatted(PROJECT, WINERY, Instant.now(), WINERY));
        Answer watch =
                api.post(
                        "/api/watches",
                        userOf(WINERY),
                        "{\"name\":\"Ports\",\"keywords\":[\"ports\"]}");
        assertThat(watch.status()).as(watch.body()).isEqualTo(201);
        String watchId = watch.at("/id");
        await().atMost(WAIT)
                .until(
                        () ->
                                index.get("member:" + BRUSSELS).isPresent()
                                        && index.get("member:" + LYON).isPresent()
                                        && index.get("group:" + GROUP).isPresent()
                                        && index.get("project:" + PROJECT).isPresent());

        push(
                api,
                "Hydrogen storage in ports",
                "Refuelling for ships; communication between port systems.");
        String callId = FundingCall.idOf(FEED, "H2-PORTS-" + RUN).toString();

        List<TopicRecords.Received> matched = awaitOpportunities(callId, 4);
        assertThat(matched)
                .allSatisfy(
                        e -> {
                            assertThat(e.type())
                                    .isEqualTo("cluster.fundingwatch.opportunity.matched.v1");
                            assertThat(e.key()).isEqualTo(e.data().get("opportunityId").asString());
                            assertThat(e.data().at("/call/title").asString())
                                    .isEqualTo("Hydrogen storage in ports");
                        });
        JsonNode brussels = only(matched, "member", BRUSSELS);
        assertThat(brussels.get("score").asInt()).isEqualTo(35 + 6 + 5);
        assertThat(brussels.get("memberIds").get(0).asString()).isEqualTo(BRUSSELS);
        assertThat(brussels.at("/reasons/0/text").asString())
                .isEqualTo("Competence \"hydrogen storage\" is in the call's title or keywords");
        assertThat(texts(brussels.get("reasons"), "code"))
                .containsExactly("competence", "sector", "eligible-place");
        assertThat(only(matched, "group", GROUP).get("memberIds").get(0).asString())
                .isEqualTo(WINERY);
        assertThat(only(matched, "group", GROUP).get("score").asInt()).isEqualTo(35);
        assertThat(only(matched, "watch", watchId).get("score").asInt()).isEqualTo(80);
        assertThat(only(matched, "project", PROJECT).get("score").asInt()).isEqualTo(30 + 25);
        assertThat(texts(only(matched, "project", PROJECT).get("reasons"), "code"))
                .containsExactly("theme", "need");
        assertThat(matched)
                .as("Lyon is not in an eligible place, the winery's competence is not in the call")
                .noneMatch(
                        e ->
                                e.data().at("/target/id").asString().equals(LYON)
                                        || e.data().at("/target/id").asString().equals(WINERY));

        // a change of the call matches again: the targets told already are not told twice; a new
        // member is
        admit(LATE, "BE", null, "[\"hydrogen storage\"]", "[]");
        await().atMost(WAIT).until(() -> index.get("member:" + LATE).isPresent());
        push(
                api,
                "Hydrogen storage in ports",
                "Refuelling for ships and barges; communication between port systems.");
        List<TopicRecords.Received> after = awaitOpportunities(callId, 5);
        assertThat(after).hasSize(5);
        assertThat(only(after, "member", LATE).get("score").asInt()).isEqualTo(40);

        // what the member's users see
        Answer recommended = api.get("/api/calls/recommended", userOf(BRUSSELS));
        assertThat(recommended.status()).as(recommended.body()).isEqualTo(200);
        JsonNode first = recommended.json().at("/calls/0");
        assertThat(first.get("callId").asString()).isEqualTo(callId);
        assertThat(first.get("score").asInt()).isEqualTo(46);
        assertThat(first.at("/via/kind").asString()).isEqualTo("member");
        assertThat(first.at("/reasons/0/code").asString()).isEqualTo("competence");
        Answer lyon = api.get("/api/calls/recommended?memberId=" + LYON, userOf(LYON));
        assertThat(lyon.json().get("totalElements").asLong()).as("not eligible in France").isZero();
        Answer winery =
                api.get(
                        "/api/calls/recommended?memberId=" + WINERY,
                        TestIssuer.shared().token("mia").roles("manager").sign());
        assertThat(winery.status()).as(winery.body()).isEqualTo(200);
        assertThat(winery.json().at("/calls/0/score").asInt())
                .as("through its watch")
                .isEqualTo(80);
        assertThat(winery.json().at("/calls/0/via/kind").asString()).isEqualTo("watch");
        Answer unnamed =
                api.get(
                        "/api/calls/recommended",
                        TestIssuer.shared().token("mia").roles("manager").sign());
        assertThat(unnamed.status()).as("a manager names the member").isEqualTo(400);
    }

    private void push(Api api, String title, String description) {
        String feed = TestIssuer.shared().token("client-" + FEED).roles("feed").feedId(FEED).sign();
        Answer pushed =
                api.send(
                        "POST",
                        "/api/feeds/" + FEED + "/calls",
                        feed,
                        """
                        {"calls":[{"reference":"H2-PORTS-%s","title":"%s","programme":"Interreg North-West Europe",
                          "description":"%s","eligibleCountries":["BE","NL"],"deadlines":["2030-01-31T17:00:00Z"]}]}\
                        """
                                .formatted(RUN, title, description));
        assertThat(pushed.status()).as(pushed.body()).isIn(200, 202);
    }

    private static void admit(
            String member, String country, String region, String competences, String sectors) {
        events.publish(
                "membership.members",
                member,
                UUID.randomUUID().toString(),
                "cluster.membership.member.admitted.v1",
                """
                {"memberId":"%s","status":"ACTIVE","admittedAt":"%s","profile":{"legalName":"Org %s",
                 "country":"%s","region":%s,"sectors":%s,"organisationType":"SME","sizeBand":"SMALL",
                 "competences":%s,"offeredResources":[],"description":"","website":null}}\
                """
                        .formatted(
                                member,
                                Instant.now(),
                                member,
                                country,
                                region == null ? "null" : '"' + region + '"',
                                sectors,
                                competences));
    }

    private static List<TopicRecords.Received> awaitOpportunities(String callId, int atLeast) {
        return await().atMost(WAIT)
                .until(
                        () ->
                                RECORDS.all(TOPIC).stream()
                                        .filter(
                                                e ->
                                                        e.data()
                                                                .get("callId")
                                                                .asString()
                                                                .equals(callId))
                                        .toList(),
                        l -> l.size() >= atLeast);
    }

    private static JsonNode only(List<TopicRecords.Received> events, String kind, String id) {
        List<JsonNode> found =
                events.stream()
                        .map(TopicRecords.Received::data)
                        .filter(
                                d ->
                                        d.at("/target/kind").asString().equals(kind)
                                                && d.at("/target/id").asString().equals(id))
                        .toList();
        assertThat(found).as("%s %s told once", kind, id).hasSize(1);
        return found.getFirst();
    }

    private static List<String> texts(JsonNode array, String field) {
        return array.valueStream().map(n -> n.get(field).asString()).toList();
    }

    private static String userOf(String memberId) {
        return TestIssuer.shared()
                .token("user-" + memberId)
                .roles("member")
                .memberId(memberId)
                .sign();
    }
}
