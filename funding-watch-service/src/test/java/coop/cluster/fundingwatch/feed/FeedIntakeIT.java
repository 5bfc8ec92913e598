package coop.cluster.fundingwatch.feed;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.fundingwatch.FundingWatchApplication;
import coop.cluster.fundingwatch.feed.signed.SignedFeeds;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Feeds push for themselves only, with a token or a signature; nobody else pushes. */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FundingWatchApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.feeds.signed.region-sud.secret=" + FeedIntakeIT.SECRET,
            "cluster.feeds.secret-key=" + FeedIntakeIT.KEY
        })
class FeedIntakeIT {

    static final String SECRET = "region-sud-test-secret-0123456789abcdef";

    /** The signed-feed registry's encryption key in these tests: Base64 of 32 bytes. */
    static final String KEY = "8J5qgqV1cZt0xvRkq2Yk6tQm3J0dN7bV2kq1cZt0xvQ=";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("funding_watch_feed_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired FeedIntake intake;

    @Autowired SignedFeeds signedFeeds;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROBLEMS = "https://cluster.coop/problems/";

    /**
     * For what {@link Api} does not send: a body without Content-Type or with another, French
     * answers.
     */
    private final HttpClient http = HttpClient.newHttpClient();

    private Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @TestFactory
    Stream<DynamicNode> matrix() {
        String ownBatch = storedBatch(AuthorizationMatrix.OWN_FEED);
        String otherBatch = storedBatch(AuthorizationMatrix.OTHER_FEED);
        String signed = signedFeed();
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "POST /api/feeds/{feedId}/calls",
                        cell ->
                                MatrixRequest.post(
                                        "/api/feeds/" + cell.feedId() + "/calls",
                                        "[{\"ref\":\"" + UUID.randomUUID() + "\"}]"))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   403
                        finance   403
                        feed      own 202 other 403
                        """)
                .endpoint(
                        "GET /api/feeds/{feedId}/batches/{batchId}",
                        cell ->
                                MatrixRequest.get(
                                        "/api/feeds/"
                                                + cell.feedId()
                                                + "/batches/"
                                                + (cell.own() ? ownBatch : otherBatch)))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   200
                        finance   403
                        feed      own 200 other 403
                        """)
                .endpoint("GET /api/feeds/signed", cell -> MatrixRequest.get("/api/feeds/signed"))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   200
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "POST /api/feeds/signed",
                        cell ->
                                MatrixRequest.post(
                                        "/api/feeds/signed",
                                        "{\"feedId\":\"" + newFeedId() + "\"}"))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   201
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "GET /api/feeds/signed/{feedId}",
                        cell -> MatrixRequest.get("/api/feeds/signed/" + signed))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   200
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "POST /api/feeds/signed/{feedId}/secret",
                        cell -> MatrixRequest.post("/api/feeds/signed/" + signed + "/secret", null))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   200
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "DELETE /api/feeds/signed/{feedId}",
                        cell ->
                                MatrixRequest.delete(
                                        "/api/feeds/signed/"
                                                + (cell.subject()
                                                                == coop.cluster.testing.security
                                                                        .Subject.MANAGER
                                                        ? signedFeed()
                                                        : signed)))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   204
                        finance   403
                        feed      403
                        """)
                .coveringEndpointsOf(context, "/api/feeds/")
                .tests();
    }

    @Test
    void aSignedPushIsStoredOnceAndCountsTheRecordsOfARealPortalResponse() throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/feeds/eu-ft-search-api.json"));
        String ts = Long.toString(Instant.now().getEpochSecond());
        Answer first =
                signedPush(
                        "region-sud",
                        "region-sud",
                        ts,
                        FeedSignatures.signatureHeader(SECRET, ts, body),
                        body);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        JsonNode batch = first.json();
        assertThat(batch.get("records").asInt()).isEqualTo(4);
        assertThat(batch.get("authentication").asString()).isEqualTo("SIGNATURE");
        assertThat(batch.get("receivedBy").asString()).isEqualTo("feed:region-sud");
        assertThat(batch.get("duplicate").asBoolean()).isFalse();

        String later = Long.toString(Instant.now().getEpochSecond() + 1);
        Answer again =
                signedPush(
                        "region-sud",
                        "region-sud",
                        later,
                        FeedSignatures.signatureHeader(SECRET, later, body),
                        body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("batchId")).isEqualTo(batch.get("batchId"));
        assertThat(again.raw().headers().firstValue("Location"))
                .isEqualTo(first.raw().headers().firstValue("Location"));
    }

    @Test
    void badSignaturesOldTimestampsUnknownFeedsAndReplaysGet401() throws Exception {
        byte[] body =
                ("[{\"ref\":\"" + UUID.randomUUID() + "\"}]").getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(Instant.now().getEpochSecond());
        String old = Long.toString(Instant.now().getEpochSecond() - 3600);
        String good = FeedSignatures.signatureHeader(SECRET, now, body);

        assertRefused(
                signedPush(
                        "region-sud",
                        "region-sud",
                        now,
                        FeedSignatures.signatureHeader(
                                "not-the-secret-0123456789abcdefghijkl", now, body),
                        body),
                "feed-signature-bad-signature");
        assertRefused(
                signedPush(
                        "region-sud",
                        "region-sud",
                        old,
                        FeedSignatures.signatureHeader(SECRET, old, body),
                        body),
                "feed-signature-stale-timestamp");
        assertRefused(
                signedPush("nobody", "nobody", now, good, body), "feed-signature-unknown-feed");
        assertThat(signedPush("region-sud", "region-sud", now, good, body).status()).isEqualTo(202);
        assertRefused(
                signedPush("region-sud", "region-sud", now, good, body), "feed-signature-replayed");
    }

    @Test
    void aSignedFeedCannotPushForAnotherFeed() throws Exception {
        byte[] body =
                ("[{\"ref\":\"" + UUID.randomUUID() + "\"}]").getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(Instant.now().getEpochSecond());
        Answer response =
                signedPush(
                        "region-sud",
                        "eu-ft-portal",
                        now,
                        FeedSignatures.signatureHeader(SECRET, now, body),
                        body);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.at("/type")).isEqualTo(PROBLEMS + "feed-push-forbidden");
    }

    /**
     * Acceptance testing: a 415 answer had no {@code type}, and a push without Content-Type was
     * told "Content-Type 'null' is not supported". Each is now a problem with its type and a detail
     * that says what to send.
     */
    @Test
    void aPushThatIsNotJsonIsA415ProblemThatSaysWhatToSend() throws Exception {
        String feed =
                TestIssuer.shared()
                        .token("client-eu-ft-portal")
                        .roles("feed")
                        .feedId("eu-ft-portal")
                        .sign();
        URI push = URI.create("http://127.0.0.1:" + port + "/api/feeds/eu-ft-portal/calls");

        HttpResponse<String> xml =
                http.send(
                        HttpRequest.newBuilder(push)
                                .header("Authorization", "Bearer " + feed)
                                .header("Content-Type", "application/xml")
                                .POST(HttpRequest.BodyPublishers.ofString("<calls/>"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(xml.statusCode()).as(xml.body()).isEqualTo(415);
        assertThat(xml.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(xml.body());
        assertThat(problem.path("type").asString())
                .isEqualTo("https://cluster.coop/problems/unsupported-media-type");
        assertThat(problem.path("status").asInt()).isEqualTo(415);
        assertThat(problem.path("detail").asString())
                .contains("application/xml")
                .contains("application/json");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/feeds/eu-ft-portal/calls");

        HttpResponse<String> none =
                http.send(
                        HttpRequest.newBuilder(push)
                                .header("Authorization", "Bearer " + feed)
                                .POST(HttpRequest.BodyPublishers.ofString("[]"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).as(none.body()).isEqualTo(415);
        JsonNode missing = JSON.readTree(none.body());
        assertThat(missing.path("type").asString())
                .isEqualTo("https://cluster.coop/problems/content-type-missing");
        assertThat(missing.path("detail").asString())
                .contains("application/json")
                .doesNotContain("null");

        HttpResponse<String> french =
                http.send(
                        HttpRequest.newBuilder(push)
                                .header("Authorization", "Bearer " + feed)
                                .header("Accept-Language", "fr")
                                .POST(HttpRequest.BodyPublishers.ofString("[]"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(french.body()).path("title").asString())
                .isEqualTo("Content-Type manquant");
    }

    /**
     * Acceptance testing: the push's OpenAPI listed only 200; it answers 202, 400, 401, 403, 413
     * and 415 too.
     */
    @Test
    void thePushsOpenApiListsEveryAnswer() throws Exception {
        Answer docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode responses = docs.json().at("/paths/~1api~1feeds~1{feedId}~1calls/post/responses");
        List<String> codes = new java.util.ArrayList<>();
        responses.propertyNames().forEach(codes::add);
        assertThat(codes).contains("200", "202", "400", "401", "403", "413", "415", "503");
        assertThat(responses.at("/202/content/application~1json/schema").isMissingNode()).isFalse();
        for (String error : List.of("400", "401", "403", "413", "415", "503")) {
            assertThat(responses.at("/" + error + "/content").propertyNames())
                    .as(error)
                    .containsExactly("application/problem+json");
        }
    }

    private void assertRefused(Answer response, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(response.at("/type")).isEqualTo(PROBLEMS + code);
    }

    /**
     * A push without a token, signed: {@code signature} over {@code body} (UTF-8, as it is sent).
     */
    private Answer signedPush(
            String feedHeader, String pathFeed, String ts, String signature, byte[] body) {
        return api.post(
                "/api/feeds/" + pathFeed + "/calls",
                null,
                new String(body, StandardCharsets.UTF_8),
                Map.of(
                        "X-Feed-Id",
                        feedHeader,
                        "X-Feed-Timestamp",
                        ts,
                        "X-Feed-Signature",
                        signature));
    }

    /** A new active feed of the signed-feed registry. */
    private String signedFeed() {
        String feedId = newFeedId();
        signedFeeds.create(
                new coop.cluster.plumbing.security.Caller(
                        "matrix-seed",
                        java.util.Set.of(coop.cluster.plumbing.security.ClusterRole.MANAGER),
                        java.util.Optional.empty(),
                        java.util.Optional.empty()),
                feedId);
        return feedId;
    }

    private static String newFeedId() {
        return "matrix-signed-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String storedBatch(String feedId) {
        var caller =
                new coop.cluster.plumbing.security.Caller(
                        "seed",
                        java.util.Set.of(coop.cluster.plumbing.security.ClusterRole.FEED),
                        java.util.Optional.empty(),
                        java.util.Optional.of(feedId));
        return intake.receive(
                        caller,
                        feedId,
                        "application/json",
                        ("[{\"seed\":\"" + UUID.randomUUID() + "\"}]")
                                .getBytes(StandardCharsets.UTF_8))
                .batch()
                .id();
    }
}
