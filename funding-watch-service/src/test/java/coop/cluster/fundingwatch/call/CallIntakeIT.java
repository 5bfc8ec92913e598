package coop.cluster.fundingwatch.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.fundingwatch.FundingWatchApplication;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds push through {@code POST /api/feeds/{feedId}/calls} with a feed token, on the real broker
 * and store: the real portal files are normalised and stored once, published, shown by {@code GET
 * /api/calls/{id}}; the same again changes nothing; a moved deadline is an update with its diff;
 * bad records are rejected and published while the others go through; a call whose last deadline
 * passes is closed by the sweep.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FundingWatchApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.calls.sweep-interval=PT0.5S",
            "cluster.calls.sweep-initial-delay=PT0S"
        })
class CallIntakeIT {

    private static final TopicRecords RECORDS =
            new TopicRecords(EmbeddedInfra.shared().bootstrapServers());

    private static final String CALLS = "fundingwatch.calls";
    private static final String REJECTS = "fundingwatch.rejects";
    private static final String PUBLISHED = "cluster.fundingwatch.call.published.v1";
    private static final String UPDATED = "cluster.fundingwatch.call.updated.v1";
    private static final String CLOSED = "cluster.fundingwatch.call.closed.v1";
    private static final String APPROACHING = "cluster.fundingwatch.deadline.approaching.v1";
    private static final String TOPIC_PAGE =
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/"
                    + "opportunities/topic-details/";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROBLEMS = "https://cluster.coop/problems/";
    private static final Predicate<Event> NOT_REMINDERS =
            event -> !APPROACHING.equals(event.type());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("funding_watch_call_intake_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired MongoTemplate mongo;

    @Autowired Calls calls;

    private Api api;
    private String member;

    @BeforeEach
    void client() {
        api = new Api(port);
        member =
                TestIssuer.shared()
                        .token("amina")
                        .roles("member")
                        .memberId(AuthorizationMatrix.OWN_MEMBER)
                        .sign();
    }

    @Test
    void theRealPortalFilesAreNormalisedStoredOncePublishedAndShown() throws Exception {
        String feed = feed("eu-ft");
        String token = feedToken(feed);
        String searchApi =
                Files.readString(Path.of("src/test/resources/feeds/eu-ft-search-api.json"));
        String grantsTenders =
                Files.readString(Path.of("src/test/resources/feeds/eu-ft-grants-tenders.json"));
        List<String> topics =
                List.of(
                        "50130830TOPICSen",
                        "50130252TOPICSen",
                        "51176725TOPICSen",
                        "51176647TOPICSen");
        String erasmus = id(feed, "ERASMUS-EDU-2022-ECHE-CERT-FP");
        String tender = id(feed, "15380");

        Answer first = push(feed, token, searchApi);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        JsonNode firstBatch = first.json();
        assertCounts(firstBatch, 4, 0, 0, 0);
        assertThat(firstBatch.get("records").asInt()).isEqualTo(4);
        assertThat(firstBatch.get("status").asString()).isEqualTo("PROCESSED");
        assertThat(firstBatch.get("duplicate").asBoolean()).isFalse();
        assertThat(texts(firstBatch.get("createdCallIds")))
                .containsExactlyElementsOf(topics.stream().map(ref -> id(feed, ref)).toList());
        assertThat(firstBatch.get("updatedCallIds").isEmpty()).isTrue();
        assertThat(firstBatch.get("rejections").isEmpty()).isTrue();

        Answer second = push(feed, token, grantsTenders);
        assertThat(second.status()).as(second.body()).isEqualTo(202);
        JsonNode secondBatch = second.json();
        assertCounts(secondBatch, 2, 0, 0, 0);
        assertThat(texts(secondBatch.get("createdCallIds"))).containsExactly(erasmus, tender);

        // The normalised fields, as a member reads them.
        Instant now = Instant.now();
        Answer built4People = api.get("/api/calls/" + id(feed, "50130830TOPICSen"), member);
        assertThat(built4People.status()).as(built4People.body()).isEqualTo(200);
        assertThat(built4People.raw().headers().firstValue("ETag")).hasValue("\"0\"");
        JsonNode call = built4People.json();
        assertThat(call.get("id").asString()).isEqualTo(id(feed, "50130830TOPICSen"));
        assertThat(call.get("source").asString()).isEqualTo(feed);
        assertThat(call.get("reference").asString()).isEqualTo("50130830TOPICSen");
        assertThat(call.get("title").asString())
                .isEqualTo(
                        "Advanced data platforms to integrate whole life carbon in building"
                                + " information tools, assessments, and certification (Built4People"
                                + " Partnership)");
        assertThat(call.get("identifier").asString()).isEqualTo("HORIZON-CL5-2026-09-D4-03");
        assertThat(call.get("callIdentifier").asString()).isEqualTo("HORIZON-CL5-2026-09");
        assertThat(call.get("callTitle").asString()).isEqualTo("BATTERIES and ENERGY");
        assertThat(call.get("programme").asString()).isEqualTo("Horizon Europe (HORIZON)");
        assertThat(call.get("kind").asString()).isEqualTo("GRANT");
        assertThat(call.get("sourceStatus").asString()).isEqualTo("OPEN");
        assertThat(call.get("openingDate").asString()).isEqualTo("2026-05-05T00:00:00Z");
        assertThat(texts(call.get("deadlines"))).containsExactly("2026-09-15T00:00:00Z");
        assertThat(call.get("url").asString()).isEqualTo(TOPIC_PAGE + "HORIZON-CL5-2026-09-D4-03");
        assertThat(absent(call.get("budget"))).isTrue();
        assertThat(call.get("firstSeen").asString()).isEqualTo(call.get("lastChanged").asString());
        assertClosedByDeadlineIfPassed(call, Instant.parse("2026-09-15T00:00:00Z"), now);

        JsonNode grant = api.get("/api/calls/" + erasmus, member).json();
        assertThat(grant.get("title").asString()).isEqualTo("Erasmus Charter for Higher Education");
        assertThat(grant.get("callTitle").asString())
                .isEqualTo("Erasmus Charter for Higher Education 2022");
        assertThat(grant.get("programme").asString()).isEqualTo("Erasmus+ (ERASMUS+)");
        assertThat(texts(grant.get("tags")))
                .containsExactly(
                        "Accreditation",
                        "Carta Erasmus",
                        "Certification",
                        "Charte",
                        "ECHE",
                        "Erasmus Charter");
        assertThat(texts(grant.get("deadlines")))
                .containsExactly(
                        "2022-05-03T00:00:00Z",
                        "2023-01-26T00:00:00Z",
                        "2024-01-25T00:00:00Z",
                        "2025-01-28T00:00:00Z",
                        "2026-03-24T00:00:00Z");
        assertThat(grant.get("description").asString())
                .startsWith("Proposals Numbers\n")
                .doesNotContain("<");
        assertClosedByDeadlineIfPassed(grant, Instant.parse("2026-03-24T00:00:00Z"), now);

        JsonNode procurement = api.get("/api/calls/" + tender, member).json();
        assertThat(procurement.get("kind").asString()).isEqualTo("TENDER");
        assertThat(procurement.get("identifier").asString()).isEqualTo("NEAR/BEG/2023/EA-RP/0169");
        assertThat(procurement.get("deadlines").isEmpty()).isTrue();
        assertThat(procurement.get("status").asString())
                .as("no deadline: never closed by time")
                .isEqualTo("OPEN");
        assertThat(absent(procurement.get("closedAt"))).isTrue();
        assertThat(procurement.get("url").asString())
                .isEqualTo("https://etendering.ted.europa.eu/cft/cft-display.html?cftId=15380");

        // Each call is published under its id; one whose last deadline had passed is closed in the
        // same write.
        Map<String, Integer> expected = new HashMap<>();
        for (String ref : topics) {
            expected.put(
                    id(feed, ref),
                    Instant.parse(
                                            ref.startsWith("5013")
                                                    ? "2026-09-15T00:00:00Z"
                                                    : "2026-09-22T00:00:00Z")
                                    .isAfter(now)
                            ? 1
                            : 2);
        }
        expected.put(erasmus, Instant.parse("2026-03-24T00:00:00Z").isAfter(now) ? 1 : 2);
        expected.put(tender, 1);
        Map<String, List<Event>> events = publishedUnder(CALLS, expected);
        expected.keySet()
                .forEach(
                        id -> {
                            Event published = events.get(id).getFirst();
                            assertThat(published.type()).isEqualTo(PUBLISHED);
                            assertThat(published.subject()).isEqualTo(id);
                            assertThat(published.data().get("callId").asString()).isEqualTo(id);
                            assertThat(published.data().get("source").asString()).isEqualTo(feed);
                            assertThat(published.data().get("publishedAt").isString()).isTrue();
                            if (expected.get(id) == 2) {
                                assertThat(published.data().at("/call/status").asString())
                                        .isEqualTo("CLOSED");
                                assertThat(events.get(id).get(1).type()).isEqualTo(CLOSED);
                                assertThat(events.get(id).get(1).data().get("reason").asString())
                                        .isEqualTo("deadline-passed");
                            }
                        });
        JsonNode erasmusCall = events.get(erasmus).getFirst().data().get("call");
        assertThat(erasmusCall.get("title").asString())
                .isEqualTo("Erasmus Charter for Higher Education");
        assertThat(erasmusCall.get("programme").asString()).isEqualTo("Erasmus+ (ERASMUS+)");
        assertThat(texts(erasmusCall.get("deadlines"))).hasSize(5).endsWith("2026-03-24T00:00:00Z");
        assertThat(erasmusCall.get("url").asString())
                .isEqualTo(TOPIC_PAGE + "ERASMUS-EDU-2022-ECHE-CERT-FP");
        assertThat(events.get(tender).getFirst().data().at("/call/status").asString())
                .isEqualTo("OPEN");

        // The same bytes again: duplicates, nothing applied. The same calls in other bytes: all
        // unchanged.
        Answer again = push(feed, token, searchApi);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.raw().headers().firstValue("Location"))
                .isEqualTo(first.raw().headers().firstValue("Location"));
        assertThat(push(feed, token, grantsTenders).status()).isEqualTo(200);
        Answer reformatted = push(feed, token, JSON.writeValueAsString(JSON.readTree(searchApi)));
        assertThat(reformatted.status()).as(reformatted.body()).isEqualTo(202);
        assertCounts(reformatted.json(), 0, 0, 4, 0);
        Answer reformattedGrants =
                push(feed, token, JSON.writeValueAsString(JSON.readTree(grantsTenders)));
        assertCounts(reformattedGrants.json(), 0, 0, 2, 0);

        Map<String, List<Event>> after = publishedUnder(CALLS, expected);
        expected.keySet()
                .forEach(
                        id ->
                                assertThat(after.get(id))
                                        .as("no new event for " + id)
                                        .hasSize(expected.get(id)));
        Answer unchanged = api.get("/api/calls/" + id(feed, "50130830TOPICSen"), member);
        assertThat(unchanged.raw().headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(unchanged.json().get("lastChanged")).isEqualTo(call.get("lastChanged"));
        assertThat(mongo.count(Query.query(Criteria.where("source").is(feed)), "calls"))
                .isEqualTo(6);
    }

    /**
     * Acceptance testing with real EU records: the two cascade calls that share {@code
     * DIGITAL-2023-SKILLS-05-SPECIALEDU} ("METU Internships Offer", "Gnomon Internships Offer")
     * looked the same in search hits and events (same title, same URL); their project was dropped,
     * so {@code q=microelectronics} found nothing; a call its source closed still showed a future
     * {@code nextDeadline}; the real tender lost its contracting authority and places of delivery.
     * The cascade records are built in the portal's shape ({@code search-api-cascade-calls.json}:
     * the exact ones are not among the real samples); the tender is real.
     */
    @Test
    void cascadeCallsAndTendersKeepWhatTellsThemApart() throws Exception {
        String feed = feed("eu-ft-real");
        String token = feedToken(feed);
        assertThat(
                        push(
                                        feed,
                                        token,
                                        Files.readString(
                                                Path.of(
                                                        "src/test/resources/feeds/search-api-cascade-calls.json")))
                                .status())
                .isEqualTo(202);
        assertThat(
                        push(
                                        feed,
                                        token,
                                        Files.readString(
                                                Path.of(
                                                        "src/test/resources/feeds/eu-ft-grants-tenders.json")))
                                .status())
                .isEqualTo(202);
        String metu = id(feed, "TEST-COMPETITIVE-CALL-7301");
        String gnomon = id(feed, "TEST-COMPETITIVE-CALL-7302");
        String withdrawn = id(feed, "TEST-CLOSED-EARLY-0001");
        String tender = id(feed, "15380");
        String competitiveCall =
                "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
                    + "competitive-calls-cs/";

        // GET /api/calls?q=microelectronics: both cascade calls, each by its own title, page and
        // budget
        await().atMost(WAIT)
                .until(
                        () ->
                                api.get("/api/calls?q=microelectronics", member)
                                                .json()
                                                .get("totalElements")
                                                .asInt()
                                        == 2);
        Map<String, JsonNode> hits = new HashMap<>();
        api.get("/api/calls?q=microelectronics", member)
                .json()
                .get("content")
                .forEach(hit -> hits.put(hit.get("id").asString(), hit));
        assertThat(hits.keySet()).containsExactlyInAnyOrder(metu, gnomon);
        assertThat(hits.get(metu).get("title").asString()).isEqualTo("METU Internships Offer");
        assertThat(hits.get(gnomon).get("title").asString()).isEqualTo("Gnomon Internships Offer");
        assertThat(hits.get(metu).get("url").asString()).isEqualTo(competitiveCall + "7301");
        assertThat(hits.get(gnomon).get("url").asString()).isEqualTo(competitiveCall + "7302");
        assertThat(hits.get(metu).get("budget"))
                .isEqualTo(JSON.readTree("{\"amount\":\"24000\",\"currency\":\"EUR\"}"));
        assertThat(hits.get(gnomon).get("budget"))
                .isEqualTo(JSON.readTree("{\"amount\":\"9600.5\",\"currency\":\"EUR\"}"));
        assertThat(api.get("/api/calls?q=EMCHIP", member).json().get("totalElements").asInt())
                .isEqualTo(2);

        // GET /api/calls/{id}: the project and the EU topic it is funded under
        JsonNode cascade = api.get("/api/calls/" + metu, member).json();
        assertThat(cascade.get("projectName").asString())
                .isEqualTo("European Master programme in Microelectronics and Chip Design");
        assertThat(cascade.get("projectAcronym").asString()).isEqualTo("EMCHIP");
        assertThat(cascade.get("identifier").asString())
                .isEqualTo("DIGITAL-2023-SKILLS-05-SPECIALEDU");
        assertThat(cascade.get("callTitle").asString())
                .isEqualTo("Specialised education programmes in key capacity areas");
        assertThat(cascade.get("programme").asString())
                .isEqualTo("Digital Europe Programme (DIGITAL)");

        // GET /api/calls?q=hydrogen: CLOSED by its source, a cut-off still ahead, and no next
        // deadline
        JsonNode closedHit =
                api.get(
                                "/api/calls?q="
                                        + java.net.URLEncoder.encode(
                                                "hydrogen valleys withdrawn",
                                                StandardCharsets.UTF_8),
                                member)
                        .json()
                        .at("/content/0");
        assertThat(closedHit.get("id").asString()).isEqualTo(withdrawn);
        assertThat(closedHit.get("status").asString()).isEqualTo("CLOSED");
        assertThat(texts(closedHit.get("deadlines"))).endsWith("2030-09-15T17:00:00Z");
        assertThat(absent(closedHit.get("nextDeadline"))).as(closedHit.toString()).isTrue();

        // GET /api/calls/{tender}: the contracting authority and where the work is done, as the
        // dump gives them
        JsonNode procurement = api.get("/api/calls/" + tender, member).json();
        assertThat(procurement.get("contractingAuthority").asString()).isEqualTo("DGNEAR");
        assertThat(texts(procurement.get("placesOfDelivery"))).containsExactly("RS");

        Map<String, List<Event>> events =
                publishedUnder(CALLS, Map.of(metu, 1, gnomon, 1, tender, 1), NOT_REMINDERS);
        JsonNode metuCall = events.get(metu).getFirst().data().get("call");
        assertThat(metuCall.get("title").asString()).isEqualTo("METU Internships Offer");
        assertThat(metuCall.get("url").asString()).isEqualTo(competitiveCall + "7301");
        assertThat(metuCall.get("projectAcronym").asString()).isEqualTo("EMCHIP");
        JsonNode tenderCall = events.get(tender).getFirst().data().get("call");
        assertThat(tenderCall.get("contractingAuthority").asString()).isEqualTo("DGNEAR");
        assertThat(texts(tenderCall.get("placesOfDelivery"))).containsExactly("RS");
    }

    @Test
    void aMovedDeadlineIsPublishedAsAnUpdateWithItsDiff() throws Exception {
        String feed = feed("region");
        String token = feedToken(feed);
        String moved = id(feed, "AAP-1");
        String same = id(feed, "AAP-2");

        Answer created =
                push(
                        feed,
                        token,
                        generic(
                                genericCall(
                                        "AAP-1",
                                        "2027-09-15T17:00:00+02:00",
                                        "2027-11-30T12:00:00+01:00"),
                                genericCall("AAP-2", "2027-10-01T12:00:00+02:00")));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        assertCounts(created.json(), 2, 0, 0, 0);
        JsonNode before = api.get("/api/calls/" + moved, member).json();
        assertThat(before.get("status").asString()).isEqualTo("OPEN");
        assertThat(before.at("/budget/amount").asString()).isEqualTo("1500000");
        assertThat(before.at("/budget/currency").asString()).isEqualTo("EUR");
        assertThat(texts(before.get("eligibleCountries"))).containsExactly("FR", "FRL");
        assertThat(before.get("description").asString())
                .isEqualTo("Soutien aux projets collaboratifs.\nDeux relèves.");

        Answer changed =
                push(
                        feed,
                        token,
                        generic(
                                genericCall(
                                        "AAP-1",
                                        "2027-09-15T17:00:00+02:00",
                                        "2027-12-15T12:00:00+01:00"),
                                genericCall("AAP-2", "2027-10-01T12:00:00+02:00")));
        assertThat(changed.status()).as(changed.body()).isEqualTo(202);
        JsonNode batch = changed.json();
        assertCounts(batch, 0, 1, 1, 0);
        assertThat(texts(batch.get("updatedCallIds"))).containsExactly(moved);

        Answer after = api.get("/api/calls/" + moved, member);
        assertThat(after.raw().headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(texts(after.json().get("deadlines")))
                .containsExactly("2027-09-15T15:00:00Z", "2027-12-15T11:00:00Z");
        assertThat(after.json().get("firstSeen")).isEqualTo(before.get("firstSeen"));
        assertThat(Instant.parse(after.json().get("lastChanged").asString()))
                .isAfter(Instant.parse(before.get("lastChanged").asString()));

        Map<String, List<Event>> events = publishedUnder(CALLS, Map.of(moved, 2, same, 1));
        assertThat(events.get(moved)).extracting(Event::type).containsExactly(PUBLISHED, UPDATED);
        JsonNode update = events.get(moved).get(1).data();
        assertThat(update.get("callId").asString()).isEqualTo(moved);
        assertThat(update.get("reference").asString()).isEqualTo("AAP-1");
        JsonNode diff = update.get("diff");
        assertThat(diff.get("deadlineMoved"))
                .isEqualTo(
                        JSON.readTree(
                                "{\"from\":\"2027-11-30T11:00:00Z\",\"to\":\"2027-12-15T11:00:00Z\"}"));
        assertThat(diff.get("cutOffsAdded").isEmpty()).isTrue();
        assertThat(diff.get("cutOffsRemoved").isEmpty()).isTrue();
        assertThat(absent(diff.get("statusChanged"))).isTrue();
        assertThat(diff.get("changedFields").isEmpty()).isTrue();
        assertThat(texts(update.at("/call/deadlines")))
                .containsExactly("2027-09-15T15:00:00Z", "2027-12-15T11:00:00Z");
        assertThat(update.at("/call/status").asString()).isEqualTo("OPEN");
        assertThat(update.get("updatedAt").isString()).isTrue();
        assertThat(events.get(same)).extracting(Event::type).containsExactly(PUBLISHED);
    }

    @Test
    void aCallKeepsItsChangesFieldByFieldNewestFirstAndAReplayAddsNone() throws Exception {
        String feed = feed("region");
        String token = feedToken(feed);
        String id = id(feed, "AAP-HIST");
        String first =
                generic(
                        genericCall(
                                "AAP-HIST",
                                "2027-09-15T17:00:00+02:00",
                                "2027-11-30T12:00:00+01:00"));
        assertThat(push(feed, token, first).status()).isEqualTo(202);

        Answer none = api.get("/api/calls/" + id + "/changes", member);
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.json().get("content").isEmpty()).isTrue();
        assertThat(none.json().get("totalElements").asInt()).isZero();

        // a cut-off moved and the budget changed
        String second =
                generic(
                        genericCall(
                                        "AAP-HIST",
                                        "2027-09-15T17:00:00+02:00",
                                        "2027-12-15T12:00:00+01:00")
                                .replace("\"1500000.00\"", "\"1750000\""));
        Answer changed = push(feed, token, second);
        assertThat(changed.status()).as(changed.body()).isEqualTo(202);
        String secondBatch = changed.json().get("batchId").asString();
        // then the source closes it
        String third =
                generic(
                        genericCall(
                                        "AAP-HIST",
                                        "2027-09-15T17:00:00+02:00",
                                        "2027-12-15T12:00:00+01:00")
                                .replace("\"1500000.00\"", "\"1750000\"")
                                .replace("\"OPEN\"", "\"CLOSED\""));
        assertThat(push(feed, token, third).status()).isEqualTo(202);

        Answer history = api.get("/api/calls/" + id + "/changes", member);
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        JsonNode page = history.json();
        assertThat(page.get("totalElements").asInt()).isEqualTo(2);
        assertThat(page.get("totalPages").asInt()).isEqualTo(1);
        JsonNode closed = page.at("/content/0");
        assertThat(closed.get("revision").asLong()).isEqualTo(2);
        assertThat(closed.get("closedReason").asString()).isEqualTo("source-closed");
        assertThat(closed.get("fields"))
                .isEqualTo(
                        JSON.readTree(
                                "[{\"field\":\"status\",\"before\":\"OPEN\",\"after\":\"CLOSED\"}]"));
        JsonNode moved = page.at("/content/1");
        assertThat(moved.get("revision").asLong()).isEqualTo(1);
        assertThat(moved.get("feedId").asString()).isEqualTo(feed);
        assertThat(moved.get("batchId").asString()).isEqualTo(secondBatch);
        assertThat(absent(moved.get("closedReason"))).isTrue();
        assertThat(Instant.parse(moved.get("at").asString()))
                .isBeforeOrEqualTo(Instant.parse(closed.get("at").asString()));
        assertThat(moved.get("fields"))
                .isEqualTo(
                        JSON.readTree(
                                """
                                [{"field":"deadline","before":"2027-11-30T11:00:00Z","after":"2027-12-15T11:00:00Z"},
                                 {"field":"budget","before":{"amount":"1500000","currency":"EUR"},
                                  "after":{"amount":"1750000","currency":"EUR"}}]\
                                """));
        assertThat(api.get("/api/calls/" + id, member).raw().headers().firstValue("ETag"))
                .hasValue("\"2\"");

        // the same batches again (a replay): nothing more is kept
        assertThat(push(feed, token, second).status()).isEqualTo(200);
        assertThat(push(feed, token, third).status()).isEqualTo(200);
        assertThat(api.get("/api/calls/" + id + "/changes", member).json()).isEqualTo(page);

        Answer paged = api.get("/api/calls/" + id + "/changes?page=1&size=1", member);
        assertThat(paged.json().get("content"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.get("revision").asLong()).isEqualTo(1));
        assertThat(paged.json().get("totalPages").asInt()).isEqualTo(2);

        Answer unknown = api.get("/api/calls/" + UUID.randomUUID() + "/changes", member);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(api.get("/api/calls/not-a-call-id/changes", member).status()).isEqualTo(400);
        assertThat(api.get("/api/calls/" + id + "/changes?size=101", member).status())
                .isEqualTo(400);
    }

    @Test
    void aBadRecordIsRejectedAndPublishedWhileTheOthersGoThrough() throws Exception {
        String feed = feed("region");
        String token = feedToken(feed);
        Answer response =
                push(
                        feed,
                        token,
                        "["
                                + genericCall("GOOD-1", "2027-09-15T17:00:00+02:00")
                                + ",{\"title\":\"No reference\"},"
                                + "{\"reference\":\"BAD-DATE\",\"title\":\"Bad\",\"deadlines\":[\"15/09/2027\"]},"
                                + genericCall("GOOD-2", "2027-10-15T17:00:00+02:00")
                                + "]");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        JsonNode batch = response.json();
        assertCounts(batch, 2, 0, 0, 2);
        assertThat(batch.get("records").asInt()).isEqualTo(4);
        assertThat(texts(batch.get("createdCallIds")))
                .containsExactly(id(feed, "GOOD-1"), id(feed, "GOOD-2"));
        JsonNode missing = batch.at("/rejections/0");
        assertThat(missing.get("index").asInt()).isEqualTo(1);
        assertThat(absent(missing.get("reference"))).isTrue();
        assertThat(missing.get("reason").asString()).isEqualTo("missing-reference");
        assertThat(missing.get("message").asString()).isEqualTo("reference is missing");
        JsonNode badDate = batch.at("/rejections/1");
        assertThat(badDate.get("index").asInt()).isEqualTo(2);
        assertThat(badDate.get("reference").asString()).isEqualTo("BAD-DATE");
        assertThat(badDate.get("reason").asString()).isEqualTo("invalid-date");
        assertThat(badDate.get("message").asString())
                .startsWith("deadlines[0]: '15/09/2027' is not a date");
        assertThat(api.get("/api/calls/" + id(feed, "GOOD-1"), member).status()).isEqualTo(200);
        assertThat(api.get("/api/calls/" + id(feed, "GOOD-2"), member).status()).isEqualTo(200);
        assertThat(api.get("/api/calls/" + id(feed, "BAD-DATE"), member).status()).isEqualTo(404);

        String batchId = batch.get("batchId").asString();
        List<Event> rejected = publishedUnder(REJECTS, Map.of(batchId, 2)).get(batchId);
        assertThat(rejected)
                .extracting(Event::type)
                .containsOnly("cluster.fundingwatch.record.rejected.v1");
        JsonNode first = rejected.get(0).data();
        assertThat(first.get("batchId").asString()).isEqualTo(batchId);
        assertThat(first.get("feedId").asString()).isEqualTo(feed);
        assertThat(first.get("index").asInt()).isEqualTo(1);
        assertThat(absent(first.get("reference"))).isTrue();
        assertThat(first.get("reason").asString()).isEqualTo("missing-reference");
        assertThat(first.get("message").asString()).isEqualTo("reference is missing");
        assertThat(first.get("rejectedAt").asString())
                .isEqualTo(batch.get("receivedAt").asString());
        JsonNode second = rejected.get(1).data();
        assertThat(second.get("index").asInt()).isEqualTo(2);
        assertThat(second.get("reference").asString()).isEqualTo("BAD-DATE");
        assertThat(second.get("reason").asString()).isEqualTo("invalid-date");

        // The feed and a manager see the same outcome on the batch.
        Answer stored = api.get("/api/feeds/" + feed + "/batches/" + batchId, token);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().get("rejections")).isEqualTo(batch.get("rejections"));
        assertThat(stored.json().get("createdCallIds")).isEqualTo(batch.get("createdCallIds"));

        // Not JSON at all, and too big: refused whole, nothing stored.
        long batches = mongo.count(new Query(), "feed_batches");
        Answer garbage = push(feed, token, "{not json");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(garbage.at("/type")).isEqualTo(PROBLEMS + "unreadable-body");
        Answer huge = push(feed, token, "[\"" + "x".repeat(2_000_000) + "\"]");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.at("/type")).isEqualTo(PROBLEMS + "payload-too-large");
        Answer tooMany =
                push(feed, token, "[" + String.join(",", Collections.nCopies(10_001, "{}")) + "]");
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.at("/type")).isEqualTo(PROBLEMS + "feed-batch-too-many-records");
        assertThat(mongo.count(new Query(), "feed_batches")).isEqualTo(batches);
    }

    @Test
    void theSweepClosesACallWhoseLastDeadlinePassedOnceAndNeverOneWithoutDeadlines()
            throws Exception {
        String feed = feed("region");
        String token = feedToken(feed);
        Instant deadline = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String closing = id(feed, "SOON");
        String endless = id(feed, "ENDLESS");
        String body =
                generic(
                        genericCall("SOON", deadline.toString()),
                        "{\"reference\":\"ENDLESS\",\"title\":\"Always"
                                + " open\",\"status\":\"OPEN\"}");

        Answer created = push(feed, token, body);
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        assertCounts(created.json(), 2, 0, 0, 0);
        assertThat(api.get("/api/calls/" + closing, member).at("/status")).isEqualTo("OPEN");

        await().atMost(WAIT)
                .until(
                        () ->
                                "CLOSED"
                                        .equals(
                                                api.get("/api/calls/" + closing, member)
                                                        .at("/status")));
        JsonNode closed = api.get("/api/calls/" + closing, member).json();
        assertThat(closed.get("closedAt").asString()).isEqualTo(deadline.toString());
        assertThat(closed.get("closedReason").asString()).isEqualTo("deadline-passed");
        assertThat(closed.get("sourceStatus").asString()).isEqualTo("OPEN");

        // A call seen 4 seconds before its deadline may also get its 1-day reminder
        // (DeadlineReminderIT), once.
        Map<String, List<Event>> events =
                publishedUnder(CALLS, Map.of(closing, 2, endless, 1), NOT_REMINDERS);
        assertThat(events.get(closing)).extracting(Event::type).containsExactly(PUBLISHED, CLOSED);
        assertThat(events.get(closing).get(1).data())
                .isEqualTo(
                        JSON.readTree(
                                "{\"callId\":\""
                                        + closing
                                        + "\",\"closedAt\":\""
                                        + deadline
                                        + "\",\"reason\":\"deadline-passed\"}"));
        List<Event> reminders =
                eventsOn(CALLS).get(closing).stream()
                        .filter(e -> APPROACHING.equals(e.type()))
                        .toList();
        assertThat(reminders)
                .hasSizeLessThanOrEqualTo(1)
                .allSatisfy(e -> assertThat(e.data().get("offset").asString()).isEqualTo("P1D"));

        // Later sweeps and the source still saying OPEN change nothing; the call without deadlines
        // stays open.
        await().during(Duration.ofMillis(1_500))
                .atMost(Duration.ofSeconds(10))
                .until(() -> calls.closeDue() == 0);
        Answer stale =
                push(
                        feed,
                        token,
                        generic(
                                genericCall("SOON", deadline.toString()),
                                "{\"reference\":\"ENDLESS\", \"title\":\"Always open\","
                                        + " \"status\":\"OPEN\"}"));
        assertCounts(stale.json(), 0, 0, 2, 0);
        assertThat(api.get("/api/calls/" + endless, member).at("/status")).isEqualTo("OPEN");
        Map<String, List<Event>> after =
                publishedUnder(CALLS, Map.of(closing, 2, endless, 1), NOT_REMINDERS);
        assertThat(after.get(closing)).hasSize(2);
        assertThat(eventsOn(CALLS).get(closing).stream().filter(e -> APPROACHING.equals(e.type())))
                .hasSameSizeAs(reminders);
        assertThat(after.get(endless)).hasSize(1);
    }

    @Test
    void
            aBatchWhoseProcessingDiedHalfWayIsAppliedAgainWhenPushedAgainWithoutRepublishingItsRejections()
                    throws Exception {
        String feed = feed("region");
        String token = feedToken(feed);
        String body =
                "["
                        + genericCall("KEPT", "2027-09-15T17:00:00+02:00")
                        + ","
                        + genericCall("LOST", "2027-09-15T17:00:00+02:00")
                        + ",{\"title\":\"No reference\"}]";
        String batchId = push(feed, token, body).json().get("batchId").asString();
        publishedUnder(REJECTS, Map.of(batchId, 1));
        // As if the service had died after storing the batch and the first call only.
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(batchId)),
                new Update().set("status", "RECEIVED").unset("createdCallIds").unset("processedAt"),
                "feed_batches");
        mongo.remove(Query.query(Criteria.where("_id").is(id(feed, "LOST"))), "calls");

        Answer again = push(feed, token, body);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        JsonNode batch = again.json();
        assertThat(batch.get("duplicate").asBoolean()).isTrue();
        assertThat(batch.get("status").asString()).isEqualTo("PROCESSED");
        assertCounts(batch, 1, 0, 1, 1);
        assertThat(texts(batch.get("createdCallIds"))).containsExactly(id(feed, "LOST"));
        assertThat(api.get("/api/calls/" + id(feed, "LOST"), member).status()).isEqualTo(200);
        assertThat(publishedUnder(REJECTS, Map.of(batchId, 1)).get(batchId)).hasSize(1);
        Answer third = push(feed, token, body);
        assertThat(third.status()).isEqualTo(200);
        assertCounts(third.json(), 1, 0, 1, 1);
    }

    @Test
    void aCallIsReadByIdWithItsVersionAsETag() throws Exception {
        String feed = feed("region");
        String id = id(feed, "AAP-ETAG");
        assertThat(
                        push(
                                        feed,
                                        feedToken(feed),
                                        generic(
                                                genericCall(
                                                        "AAP-ETAG", "2027-09-15T17:00:00+02:00")))
                                .status())
                .isEqualTo(202);

        Answer read = api.get("/api/calls/" + id, member);
        String etag = read.raw().headers().firstValue("ETag").orElseThrow();
        Answer notModified =
                api.sendWith(
                        "GET", "/api/calls/" + id, member, null, Map.of("If-None-Match", etag));
        assertThat(notModified.status()).isEqualTo(304);

        Answer unknown = api.get("/api/calls/" + UUID.randomUUID(), member);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(api.get("/api/calls/not-a-call-id", member).status()).isEqualTo(400);
    }

    @TestFactory
    Stream<DynamicNode> matrix() throws Exception {
        String feed = feed("matrix");
        String id = id(feed, "MATRIX-1");
        assertThat(
                        push(
                                        feed,
                                        feedToken(feed),
                                        generic(
                                                genericCall(
                                                        "MATRIX-1", "2027-09-15T17:00:00+02:00")))
                                .status())
                .isEqualTo(202);
        Stream<DynamicNode> cells =
                AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                        .endpoint(
                                "GET /api/calls/{id}",
                                cell -> MatrixRequest.get("/api/calls/" + id))
                        .expect(
                                """
                                anonymous 401
                                member    200
                                delegate  200
                                manager   200
                                finance   200
                                feed      403
                                """)
                        .endpoint(
                                "GET /api/calls/{id}/changes",
                                cell -> MatrixRequest.get("/api/calls/" + id + "/changes"))
                        .expect(
                                """
                                anonymous 401
                                member    200
                                delegate  200
                                manager   200
                                finance   200
                                feed      403
                                """)
                        .endpoint(
                                "GET /api/calls",
                                cell -> MatrixRequest.get("/api/calls?q=appel&status=OPEN"))
                        .expect(
                                """
                                anonymous 401
                                member    200
                                delegate  200
                                manager   200
                                finance   200
                                feed      403
                                """)
                        .endpoint(
                                "GET /api/calls/recommended",
                                cell ->
                                        MatrixRequest.get(
                                                "/api/calls/recommended?memberId="
                                                        + (cell.own()
                                                                ? AuthorizationMatrix.OWN_MEMBER
                                                                : AuthorizationMatrix
                                                                        .OTHER_MEMBER)))
                        .expect(
                                """
                                anonymous 401
                                member    own 200  other 404
                                delegate  own 200  other 404
                                manager   200
                                finance   403
                                feed      403
                                """)
                        .coveringEndpointsOf(context, "/api/calls")
                        .tests();
        DynamicTest everyEndpoint =
                DynamicTest.dynamicTest(
                        "every /api endpoint is in a matrix",
                        () ->
                                assertThat(
                                                AuthorizationMatrix.unclaimedEndpoints(
                                                        context,
                                                        "/api/feeds/",
                                                        "/api/calls",
                                                        "/api/watches"))
                                        .isEmpty());
        return Stream.concat(Stream.of(everyEndpoint), cells);
    }

    /** An event as the relay published it. */
    record Event(String type, String subject, JsonNode data) {}

    /**
     * The events under each key of {@code expected} on {@code topic}, once each has at least its
     * expected count and the outboxes are empty (so nothing more is on its way); each must then
     * have exactly its count.
     */
    private Map<String, List<Event>> publishedUnder(String topic, Map<String, Integer> expected) {
        return publishedUnder(topic, expected, event -> true);
    }

    /**
     * As {@link #publishedUnder(String, Map)}, counting (and answering) only the events {@code
     * counted} takes.
     */
    private Map<String, List<Event>> publishedUnder(
            String topic, Map<String, Integer> expected, Predicate<Event> counted) {
        await().atMost(WAIT)
                .until(
                        () -> {
                            Map<String, List<Event>> now = only(eventsOn(topic), counted);
                            return expected.entrySet().stream()
                                    .allMatch(
                                            e ->
                                                    now.getOrDefault(e.getKey(), List.of()).size()
                                                            >= e.getValue());
                        });
        await().atMost(WAIT).until(() -> pending("calls") == 0 && pending("feed_batches") == 0);
        Map<String, List<Event>> events = only(eventsOn(topic), counted);
        expected.forEach(
                (key, count) ->
                        assertThat(events.getOrDefault(key, List.of()))
                                .as("events under %s on %s", key, topic)
                                .hasSize(count));
        return events;
    }

    private static Map<String, List<Event>> only(
            Map<String, List<Event>> byKey, Predicate<Event> counted) {
        Map<String, List<Event>> kept = new HashMap<>();
        byKey.forEach((key, events) -> kept.put(key, events.stream().filter(counted).toList()));
        return kept;
    }

    private long pending(String collection) {
        return mongo.count(Query.query(Criteria.where("outbox.id").exists(true)), collection);
    }

    /** Every event on {@code topic} so far, by key, in order. */
    private static Map<String, List<Event>> eventsOn(String topic) {
        Map<String, List<Event>> byKey = new HashMap<>();
        RECORDS.byKey(topic)
                .forEach(
                        (key, records) ->
                                byKey.put(
                                        key,
                                        records.stream()
                                                .map(
                                                        r ->
                                                                new Event(
                                                                        r.type(),
                                                                        r.subject(),
                                                                        r.data()))
                                                .toList()));
        return byKey;
    }

    private Answer push(String feed, String token, String body) {
        return api.post("/api/feeds/" + feed + "/calls", token, body);
    }

    private static void assertCounts(
            JsonNode batch, int created, int updated, int unchanged, int rejected) {
        assertThat(
                        List.of(
                                batch.get("created").asInt(),
                                batch.get("updated").asInt(),
                                batch.get("unchanged").asInt(),
                                batch.get("rejected").asInt()))
                .as("created, updated, unchanged, rejected in %s", batch)
                .containsExactly(created, updated, unchanged, rejected);
    }

    /**
     * A call that is CLOSED (deadline-passed, at its last deadline) when that deadline is past,
     * else OPEN.
     */
    private static void assertClosedByDeadlineIfPassed(
            JsonNode call, Instant lastDeadline, Instant now) {
        if (lastDeadline.isAfter(now)) {
            assertThat(call.get("status").asString()).isEqualTo("OPEN");
            assertThat(absent(call.get("closedAt"))).isTrue();
        } else {
            assertThat(call.get("status").asString()).isEqualTo("CLOSED");
            assertThat(call.get("closedAt").asString()).isEqualTo(lastDeadline.toString());
            assertThat(call.get("closedReason").asString()).isEqualTo("deadline-passed");
        }
    }

    /** Null in the JSON, or not there at all. */
    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asString()));
        return out;
    }

    private static String generic(String... calls) {
        return "{\"calls\": [" + String.join(",", calls) + "]}";
    }

    private static String genericCall(String reference, String... deadlines) {
        return """
        {"reference": "%s", "title": "Appel %s", "programme": "FEDER Sud 2021-2027", "status": "OPEN",
         "description": "<p>Soutien aux projets <b>collaboratifs</b>.</p><p>Deux relèves.</p>",
         "deadlines": [%s], "budget": {"amount": "1500000.00", "currency": "EUR"},
         "eligibleCountries": ["fr", "FRL"], "url": "https://www.example.org/aap/%s"}\
        """
                .formatted(
                        reference,
                        reference,
                        String.join(",", Stream.of(deadlines).map(d -> "\"" + d + "\"").toList()),
                        reference);
    }

    private static String feed(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String feedToken(String feed) {
        return TestIssuer.shared().token("client-" + feed).roles("feed").feedId(feed).sign();
    }

    private static String id(String feed, String reference) {
        return FundingCall.idOf(feed, reference).toString();
    }

    /**
     * Authorization first, then validation: no handler of this service validates its body before
     * checking the caller.
     */
    @Test
    void noHandlerValidatesItsBodyBeforeCheckingTheCaller() {
        assertThat(
                        coop.cluster.testing.security.ValidationOrder
                                .bodiesValidatedBeforeAuthorization(context))
                .isEmpty();
    }
}
