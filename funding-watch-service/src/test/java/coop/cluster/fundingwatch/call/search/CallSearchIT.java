package coop.cluster.fundingwatch.call.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.fundingwatch.FundingWatchApplication;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Search and watches on the real broker and store: the two real portal files are pushed through the
 * intake with a feed token, then found as a member (and a manager) would, by words of their titles
 * in another grammatical number, by filters, page by page; a member's watches are kept, guarded by
 * If-Match, hidden from other organisations, and find the real call that fits them.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FundingWatchApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cluster.calls.index-poll-interval=PT0.5S"})
class CallSearchIT {

    private static final String FEED =
            "eu-ft-search-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String BUILT4PEOPLE = id("50130830TOPICSen");
    private static final String HEAT = id("50130252TOPICSen");
    private static final String FERTILISING = id("51176725TOPICSen");
    private static final String PACKAGING = id("51176647TOPICSen");
    private static final String ERASMUS = id("ERASMUS-EDU-2022-ECHE-CERT-FP");
    private static final String TENDER = id("15380");
    private static final List<String> ALL =
            List.of(BUILT4PEOPLE, HEAT, FERTILISING, PACKAGING, ERASMUS, TENDER);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEMS = "https://cluster.coop/problems/";
    private static boolean pushed;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () ->
                        EmbeddedInfra.shared()
                                .mongoUri(
                                        "funding_watch_search_it_"
                                                + UUID.randomUUID().toString().substring(0, 8)));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired MeterRegistry meters;

    private Api api;
    private String member;

    @BeforeEach
    void realCallsPushedOnce() throws Exception {
        api = new Api(port);
        member = memberOf(AuthorizationMatrix.OWN_MEMBER);
        synchronized (CallSearchIT.class) {
            if (!pushed) {
                String feed =
                        TestIssuer.shared()
                                .token("client-" + FEED)
                                .roles("feed")
                                .feedId(FEED)
                                .sign();
                for (String file : List.of("eu-ft-search-api.json", "eu-ft-grants-tenders.json")) {
                    Answer push =
                            api.send(
                                    "POST",
                                    "/api/feeds/" + FEED + "/calls",
                                    feed,
                                    Files.readString(Path.of("src/test/resources/feeds/" + file)));
                    assertThat(push.status()).as(push.body()).isEqualTo(202);
                }
                pushed = true;
            }
        }
        await().atMost(WAIT).until(() -> search("").get("totalElements").asLong() == ALL.size());
    }

    @Test
    void aWordOfARealTitleFindsItsCallInEitherNumber() {
        // "platforms" in the title: the singular finds it, first
        assertThat(ids(search("q=platform"))).first().isEqualTo(BUILT4PEOPLE);
        assertThat(ids(search("q=carbon"))).containsExactly(BUILT4PEOPLE);
        assertThat(ids(search("q=demonstrations"))).containsExactly(HEAT);
        assertThat(ids(search("q=coating"))).containsExactly(PACKAGING);
        assertThat(ids(search("q=fertilise"))).containsExactly(FERTILISING);
        assertThat(ids(search("q=infrastructures"))).containsExactly(TENDER);
        assertThat(ids(search("q=" + enc("Erasmus charters")))).first().isEqualTo(ERASMUS);
        assertThat(ids(search("q=HORIZON-CL5-2026-09-D4-08"))).first().isEqualTo(HEAT);
        assertThat(search("q=submarine").get("totalElements").asLong()).isZero();

        JsonNode hit = search("q=carbon").at("/content/0");
        JsonNode call = api.get("/api/calls/" + BUILT4PEOPLE, member).json();
        assertThat(hit.get("title").asString()).isEqualTo(call.get("title").asString());
        assertThat(hit.get("programme").asString()).isEqualTo("Horizon Europe (HORIZON)");
        assertThat(hit.get("kind").asString()).isEqualTo("GRANT");
        assertThat(hit.get("status").asString()).isEqualTo(call.get("status").asString());
        assertThat(texts(hit.get("deadlines"))).containsExactly("2026-09-15T00:00:00Z");
        assertThat(hit.get("url").asString()).isEqualTo(call.get("url").asString());
        assertThat(hit.get("score").asDouble()).isPositive();
        boolean ahead = Instant.parse("2026-09-15T00:00:00Z").isAfter(Instant.now());
        assertThat(hit.get("nextDeadline").isNull()).isEqualTo(!ahead);
        assertThat(search("").at("/content/0/score").isNull()).as("no score without q").isTrue();
    }

    @Test
    void filtersNarrowTheCalls() {
        assertThat(ids(search("kind=TENDER"))).containsExactly(TENDER);
        assertThat(ids(search("programme=" + enc("Erasmus+ (ERASMUS+)")))).containsExactly(ERASMUS);
        assertThat(ids(search("programme=Erasmus"))).as("programme is exact").isEmpty();
        // a call matches when any of its cut-offs is in the range: Erasmus' third of five is in
        // 2024
        assertThat(ids(search("deadlineFrom=2024-01-01&deadlineTo=2024-12-31")))
                .containsExactly(ERASMUS);
        assertThat(ids(search("deadlineFrom=2026-09-22&deadlineTo=2026-09-22")))
                .containsExactlyInAnyOrder(FERTILISING, PACKAGING);
        assertThat(ids(search("deadlineFrom=2026-09-15T00:00:00Z&deadlineTo=2026-09-15T00:00:00Z")))
                .containsExactlyInAnyOrder(BUILT4PEOPLE, HEAT);
        assertThat(ids(search("q=carbon&kind=TENDER"))).isEmpty();
        for (String status : List.of("OPEN", "CLOSED", "FORTHCOMING")) {
            List<String> expected =
                    ALL.stream()
                            .filter(
                                    id ->
                                            status.equals(
                                                    api.get("/api/calls/" + id, member)
                                                            .at("/status")))
                            .toList();
            JsonNode found = search("status=" + status);
            assertThat(ids(found)).as(status).containsExactlyInAnyOrderElementsOf(expected);
            found.get("content")
                    .forEach(hit -> assertThat(hit.get("status").asString()).isEqualTo(status));
        }
        assertThat(ids(search("status=OPEN&status=CLOSED&status=FORTHCOMING"))).hasSize(ALL.size());
        assertThat(ids(search("status=OPEN")))
                .as("no deadline: never closed by time")
                .contains(TENDER);
    }

    @Test
    void withoutTextCallsComeByNextDeadlineAndPageByPage() {
        JsonNode all = search("size=100");
        assertThat(all.get("totalElements").asLong()).isEqualTo(ALL.size());
        assertThat(all.get("totalPages").asInt()).isEqualTo(1);
        List<JsonNode> hits = new ArrayList<>();
        all.get("content").forEach(hits::add);
        List<JsonNode> ordered = new ArrayList<>(hits);
        ordered.sort(
                Comparator.<JsonNode, Instant>comparing(
                                h ->
                                        h.get("nextDeadline").isNull()
                                                ? null
                                                : Instant.parse(h.get("nextDeadline").asString()),
                                Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(h -> h.get("id").asString()));
        assertThat(hits).containsExactlyElementsOf(ordered);

        List<String> pages = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode answer = search("size=2&page=" + page);
            assertThat(answer.get("page").asInt()).isEqualTo(page);
            assertThat(answer.get("size").asInt()).isEqualTo(2);
            assertThat(answer.get("totalElements").asLong()).isEqualTo(6);
            assertThat(answer.get("totalPages").asInt()).isEqualTo(3);
            assertThat(answer.get("content")).hasSize(2);
            pages.addAll(ids(answer));
        }
        assertThat(pages).containsExactlyElementsOf(ids(all));
        assertThat(search("size=2&page=3").get("content").isEmpty()).isTrue();
    }

    @Test
    void aManagerAndFinanceSeeTheSameAFeedIsRefused() {
        String manager = TestIssuer.shared().token("mia").roles("manager").sign();
        String finance = TestIssuer.shared().token("fred").roles("finance").sign();
        JsonNode asMember = search("q=carbon");
        assertThat(api.get("/api/calls?q=carbon", manager).json()).isEqualTo(asMember);
        assertThat(api.get("/api/calls?q=carbon", finance).json()).isEqualTo(asMember);
        String feed = TestIssuer.shared().token("client-" + FEED).roles("feed").feedId(FEED).sign();
        Answer refused = api.get("/api/calls?q=carbon", feed);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.get("/api/calls?q=carbon", null).status()).isEqualTo(401);
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        assertBad("status=BOGUS", "status");
        assertBad("kind=LOAN", "kind");
        assertBad("deadlineFrom=2026-12-31&deadlineTo=2026-01-01", "deadlineFrom");
        assertBad("deadlineTo=15/09/2026", "deadlineTo");
        assertBad("size=0", "size");
        assertBad("size=101", "size");
        assertBad("page=-1", "page");
    }

    @Test
    void searchesAreTimedAndTheIndexedCallsCounted() {
        search("q=carbon");
        assertThat(meters.get("cluster.fundingwatch.search").timer().count()).isPositive();
        assertThat(meters.get("cluster.fundingwatch.calls.indexed").gauge().value())
                .isEqualTo(ALL.size());
    }

    @Test
    void aMemberKeepsWatchesGuardedByIfMatchAndHiddenFromOthers() {
        String own = memberOf(UUID.randomUUID().toString());
        String other = memberOf(UUID.randomUUID().toString());
        String manager = TestIssuer.shared().token("mia").roles("manager").sign();

        Answer created =
                api.post(
                        "/api/watches",
                        own,
                        """
                        {"name": "Environment", "keywords": ["institution", "circular economy"], "kinds": ["TENDER"]}\
                        """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("ETag")).hasValue("\"0\"");
        String id = created.at("/id");
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/watches/" + id);
        assertThat(texts(created.json().get("keywords")))
                .containsExactly("institution", "circular economy");
        assertThat(texts(created.json().get("kinds"))).containsExactly("TENDER");

        // the calls that fit it: the real tender ("institutions"), open
        JsonNode fits = api.get("/api/watches/" + id + "/calls", own).json();
        assertThat(ids(fits)).containsExactly(TENDER);
        assertThat(fits.at("/content/0/status").asString()).isEqualTo("OPEN");
        assertThat(fits.at("/content/0/score").asDouble()).isPositive();

        Answer read = api.get("/api/watches/" + id, own);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.at("/name")).isEqualTo("Environment");
        JsonNode list = api.get("/api/watches", own).json();
        assertThat(list.get("totalElements").asLong()).isEqualTo(1);
        assertThat(list.at("/content/0/id").asString()).isEqualTo(id);

        // another organisation: not there; a manager: not theirs to see
        assertThat(api.get("/api/watches/" + id, other).status()).isEqualTo(404);
        assertThat(
                        api.send(
                                        "PUT",
                                        "/api/watches/" + id,
                                        other,
                                        "{\"name\":\"x\",\"kinds\":[\"GRANT\"]}",
                                        "\"0\"")
                                .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/watches/" + id, other).status()).isEqualTo(404);
        assertThat(api.get("/api/watches/" + id + "/calls", other).status()).isEqualTo(404);
        assertThat(api.get("/api/watches", other).json().get("totalElements").asLong()).isZero();
        assertThat(api.get("/api/watches/" + id, manager).status()).isEqualTo(403);
        assertThat(
                        api.post("/api/watches", manager, "{\"name\":\"x\",\"kinds\":[\"GRANT\"]}")
                                .status())
                .isEqualTo(403);

        // changes need the current version
        String grants =
                """
                {"name": "Erasmus and carbon", "keywords": ["charters", "carbon"], "programmes": [], "kinds": []}\
                """;
        assertThat(api.put("/api/watches/" + id, own, grants).status()).isEqualTo(428);
        assertThat(api.send("PUT", "/api/watches/" + id, own, grants, "\"7\"").status())
                .isEqualTo(412);
        Answer changed = api.send("PUT", "/api/watches/" + id, own, grants, "\"0\"");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.raw().headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(changed.at("/name")).isEqualTo("Erasmus and carbon");
        assertThat(api.send("PUT", "/api/watches/" + id, own, grants, "\"0\"").status())
                .as("stale")
                .isEqualTo(412);
        // only open or forthcoming calls fit a watch
        List<String> live =
                ALL.stream()
                        .filter(
                                call ->
                                        !"CLOSED"
                                                .equals(
                                                        api.get("/api/calls/" + call, member)
                                                                .at("/status")))
                        .toList();
        assertThat(ids(api.get("/api/watches/" + id + "/calls", own).json()))
                .containsExactlyInAnyOrderElementsOf(
                        Stream.of(ERASMUS, BUILT4PEOPLE).filter(live::contains).toList());

        // bad watches
        assertThat(api.post("/api/watches", own, "{\"name\":\"Nothing\"}").status()).isEqualTo(400);
        assertThat(api.post("/api/watches", own, "{\"keywords\":[\"x\"]}").status()).isEqualTo(400);
        assertThat(
                        api.post(
                                        "/api/watches",
                                        own,
                                        "{\"name\":\""
                                                + "n".repeat(101)
                                                + "\",\"keywords\":[\"x\"]}")
                                .status())
                .isEqualTo(400);
        assertThat(api.post("/api/watches", own, "{\"name\":\"k\",\"kinds\":[\"LOAN\"]}").status())
                .isEqualTo(400);

        // delete: a stale If-Match is refused, then it is gone
        assertThat(api.send("DELETE", "/api/watches/" + id, own, null, "\"0\"").status())
                .isEqualTo(412);
        assertThat(api.send("DELETE", "/api/watches/" + id, own, null, "\"1\"").status())
                .isEqualTo(204);
        assertThat(api.get("/api/watches/" + id, own).status()).isEqualTo(404);
        assertThat(api.get("/api/watches", own).json().get("totalElements").asLong()).isZero();
    }

    @Test
    void aMemberHasFiftyWatchesAtMost() {
        String own = memberOf(UUID.randomUUID().toString());
        for (int i = 0; i < 50; i++) {
            assertThat(
                            api.post(
                                            "/api/watches",
                                            own,
                                            "{\"name\":\"w" + i + "\",\"kinds\":[\"GRANT\"]}")
                                    .status())
                    .isEqualTo(201);
        }
        Answer refused =
                api.post("/api/watches", own, "{\"name\":\"one more\",\"kinds\":[\"GRANT\"]}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.at("/type")).isEqualTo(PROBLEMS + "watch-limit");
        JsonNode page = api.get("/api/watches?size=20&page=2", own).json();
        assertThat(page.get("totalElements").asLong()).isEqualTo(50);
        assertThat(page.get("totalPages").asInt()).isEqualTo(3);
        assertThat(page.get("content")).hasSize(10);
        assertThat(page.at("/content/0/name").asString()).isEqualTo("w40");
    }

    @Test
    void fiftyWatchesAtMostEvenWhenCreatedAtOnce() throws Exception {
        String own = memberOf(UUID.randomUUID().toString());
        for (int i = 0; i < 45; i++) {
            assertThat(
                            api.post(
                                            "/api/watches",
                                            own,
                                            "{\"name\":\"w" + i + "\",\"kinds\":[\"GRANT\"]}")
                                    .status())
                    .isEqualTo(201);
        }
        // sixteen creates at once for the last five places
        int racers = 16;
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(racers);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String body = "{\"name\":\"c" + i + "\",\"kinds\":[\"GRANT\"]}";
            answers.add(
                    pool.submit(
                            () -> {
                                go.await();
                                return api.post("/api/watches", own, body);
                            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (var answer : answers) {
            statuses.add(answer.get().status());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(racers - 5);
        assertThat(api.get("/api/watches", own).json().get("totalElements").asLong()).isEqualTo(50);

        // a place given back by a delete can be taken again, once
        String first = api.get("/api/watches?size=1", own).at("/content/0/id");
        assertThat(api.send("DELETE", "/api/watches/" + first, own, null, null).status())
                .isEqualTo(204);
        assertThat(
                        api.post("/api/watches", own, "{\"name\":\"again\",\"kinds\":[\"GRANT\"]}")
                                .status())
                .isEqualTo(201);
        assertThat(
                        api.post(
                                        "/api/watches",
                                        own,
                                        "{\"name\":\"too many\",\"kinds\":[\"GRANT\"]}")
                                .status())
                .isEqualTo(409);
    }

    @Test
    void aPlaceTakenButNeverWrittenIsFoundAgainOnceNoCreateCanStillBeWritingIt() {
        String memberId = UUID.randomUUID().toString();
        String own = memberOf(memberId);
        for (int i = 0; i < 48; i++) {
            assertThat(
                            api.post(
                                            "/api/watches",
                                            own,
                                            "{\"name\":\"w" + i + "\",\"kinds\":[\"GRANT\"]}")
                                    .status())
                    .isEqualTo(201);
        }
        // two places taken by creates that stopped before writing their watch: the quota says 50
        // for 48 watches
        var mongo = context.getBean(MongoTemplate.class);
        var quota = Query.query(Criteria.where("_id").is(memberId));
        mongo.updateFirst(
                quota,
                new Update().set("count", 50).set("takenAt", Date.from(Instant.now())),
                "watch_quotas");
        // just taken: those creates may still be writing, so the member is full for now
        assertThat(
                        api.post("/api/watches", own, "{\"name\":\"now\",\"kinds\":[\"GRANT\"]}")
                                .status())
                .isEqualTo(409);
        // a minute later they cannot be: the two places come back, and no third
        mongo.updateFirst(
                quota,
                new Update().set("takenAt", Date.from(Instant.now().minusSeconds(60))),
                "watch_quotas");
        assertThat(
                        api.post(
                                        "/api/watches",
                                        own,
                                        "{\"name\":\"later 1\",\"kinds\":[\"GRANT\"]}")
                                .status())
                .isEqualTo(201);
        assertThat(
                        api.post(
                                        "/api/watches",
                                        own,
                                        "{\"name\":\"later 2\",\"kinds\":[\"GRANT\"]}")
                                .status())
                .isEqualTo(201);
        assertThat(
                        api.post(
                                        "/api/watches",
                                        own,
                                        "{\"name\":\"later 3\",\"kinds\":[\"GRANT\"]}")
                                .status())
                .isEqualTo(409);
        assertThat(api.get("/api/watches", own).json().get("totalElements").asLong()).isEqualTo(50);
    }

    @TestFactory
    Stream<DynamicNode> matrix() {
        String ownWatch = watchOf(AuthorizationMatrix.OWN_MEMBER);
        String otherWatch = watchOf(AuthorizationMatrix.OTHER_MEMBER);
        String body = "{\"name\":\"Matrix\",\"keywords\":[\"carbon\"]}";
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint("POST /api/watches", cell -> MatrixRequest.post("/api/watches", body))
                .expect(
                        """
                        anonymous 401
                        member    201
                        delegate  201
                        manager   403
                        finance   403
                        feed      403
                        """)
                .endpoint("GET /api/watches", cell -> MatrixRequest.get("/api/watches"))
                .expect(
                        """
                        anonymous 401
                        member    200
                        delegate  200
                        manager   403
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "GET /api/watches/{id}",
                        cell ->
                                MatrixRequest.get(
                                        "/api/watches/" + (cell.own() ? ownWatch : otherWatch)))
                .expect(
                        """
                        anonymous 401
                        member    own 200  other 404
                        delegate  own 200  other 404
                        manager   403
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "PUT /api/watches/{id}",
                        cell ->
                                MatrixRequest.put("/api/watches/" + watchOf(cell.memberId()), body)
                                        .header("If-Match", "\"0\""))
                .expect(
                        """
                        anonymous 401
                        member    own 200  other 404
                        delegate  own 200  other 404
                        manager   403
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "DELETE /api/watches/{id}",
                        cell -> MatrixRequest.delete("/api/watches/" + watchOf(cell.memberId())))
                .expect(
                        """
                        anonymous 401
                        member    own 204  other 404
                        delegate  own 204  other 404
                        manager   403
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "GET /api/watches/{id}/calls",
                        cell ->
                                MatrixRequest.get(
                                        "/api/watches/"
                                                + (cell.own() ? ownWatch : otherWatch)
                                                + "/calls"))
                .expect(
                        """
                        anonymous 401
                        member    own 200  other 404
                        delegate  own 200  other 404
                        manager   403
                        finance   403
                        feed      403
                        """)
                .coveringEndpointsOf(context, "/api/watches")
                .tests();
    }

    private String watchOf(String memberId) {
        Answer created =
                api.post(
                        "/api/watches",
                        memberOf(memberId),
                        "{\"name\":\"Fixture\",\"kinds\":[\"GRANT\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.at("/id");
    }

    private void assertBad(String query, String parameter) {
        Answer answer = api.get("/api/calls?" + query, member);
        assertThat(answer.status()).as(query + ": " + answer.body()).isEqualTo(400);
        assertThat(answer.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        JsonNode problem = answer.json();
        if (problem.path("type").asString().equals(PROBLEMS + "validation")) {
            assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                    .as(query)
                    .contains(parameter);
        } else {
            assertThat(problem.path("type").asString())
                    .as(query)
                    .isEqualTo(PROBLEMS + "invalid-parameter");
            assertThat(problem.path("detail").asString())
                    .as(query)
                    .startsWith("Parameter '" + parameter + "'");
        }
    }

    private JsonNode search(String query) {
        Answer answer = api.get("/api/calls" + (query.isEmpty() ? "" : "?" + query), member);
        assertThat(answer.status()).as(query + ": " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("content").forEach(hit -> out.add(hit.get("id").asString()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asString()));
        return out;
    }

    private static String memberOf(String memberId) {
        return TestIssuer.shared()
                .token("user-" + memberId.substring(0, 8))
                .roles("member")
                .memberId(memberId)
                .sign();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String id(String reference) {
        return FundingCall.idOf(FEED, reference).toString();
    }
}
