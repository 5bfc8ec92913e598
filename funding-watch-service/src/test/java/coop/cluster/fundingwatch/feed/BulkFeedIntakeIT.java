package coop.cluster.fundingwatch.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.fundingwatch.FundingWatchApplication;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.call.persistence.CallStore;
import coop.cluster.fundingwatch.match.TargetIndex;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import coop.cluster.testing.store.CountStoreCommands;
import coop.cluster.testing.store.StoreCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
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
 * A feed's batch costs the store a few commands, not a few per call: on the real broker and store,
 * a push of {@value #CALLS} new calls (each matched to the members it fits) reads the calls once
 * ({@code _id $in}) and inserts them once (an unordered {@code insertMany}), each call in its own
 * document with its events and its matches; the same calls pushed again with a few changed cost one
 * read and one update per changed call. Counted from the driver's command monitoring, on the thread
 * that handled the push.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = {FundingWatchApplication.class, CountStoreCommands.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cluster.matching.poll-interval=PT0.3S"})
class BulkFeedIntakeIT {

    @Autowired StoreCommands commands;

    static final int CALLS = 200;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String FEED = "bulk-" + RUN;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> MEMBERS = List.of("be-h2-a-" + RUN, "be-h2-b-" + RUN);
    private static final TopicRecords RECORDS =
            new TopicRecords(EmbeddedInfra.shared().bootstrapServers());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("funding_watch_bulk_it_" + RUN));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired TargetIndex index;

    @Autowired MongoTemplate mongo;

    @Autowired CallStore store;

    @Test
    void aBatchOfCallsIsReadOnceAndInsertedOnceWithItsEventsAndMatches() {
        TopicEvents events = new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
        MEMBERS.forEach(
                member ->
                        events.publish(
                                "membership.members",
                                member,
                                UUID.randomUUID().toString(),
                                "cluster.membership.member.admitted.v1",
                                """
                                {"memberId":"%s","status":"ACTIVE","admittedAt":"%s","profile":{"legalName":"Org %s","country":"BE",
                                 "region":null,"sectors":[],"organisationType":"SME","sizeBand":"SMALL",
                                 "competences":["hydrogen storage"],"offeredResources":[],"description":"","website":null}}\
                                """
                                        .formatted(member, Instant.now(), member)));
        await().atMost(WAIT)
                .until(() -> MEMBERS.stream().allMatch(m -> index.get("member:" + m).isPresent()));
        Api api = new Api(port);

        List<String> records = IntStream.range(0, CALLS).mapToObj(i -> call(i, "")).toList();
        List<StoreCommands.Sent> first = pushed(api, records, CALLS, 0, 0);
        assertThat(onCalls(first))
                .as("the calls collection's commands for a batch of %d new calls", CALLS)
                .containsOnly(Map.entry("find", 1L), Map.entry("insert", 1L));
        assertThat(first.size()).as("every command of the push: %s", first).isLessThanOrEqualTo(5);

        // each call in its own document, with its events (published, one matched per member) and
        // its matches
        List<Document> stored =
                mongo.find(Query.query(Criteria.where("source").is(FEED)), Document.class, "calls");
        assertThat(stored).hasSize(CALLS);
        Set<String> told = MEMBERS.stream().map(m -> "member:" + m).collect(Collectors.toSet());
        assertThat(stored)
                .allSatisfy(
                        d ->
                                assertThat(d.getList("opportunitiesTold", String.class))
                                        .containsExactlyInAnyOrderElementsOf(told));
        await().atMost(WAIT)
                .until(
                        () ->
                                mongo.count(
                                                Query.query(
                                                        Criteria.where("outbox.id").exists(true)),
                                                "calls")
                                        == 0);
        Set<String> ids =
                IntStream.range(0, CALLS)
                        .mapToObj(BulkFeedIntakeIT::id)
                        .collect(Collectors.toSet());
        await().atMost(WAIT)
                .until(
                        () ->
                                RECORDS.all("fundingwatch.calls").stream()
                                                .filter(
                                                        r ->
                                                                ids.contains(r.key())
                                                                        && r.type()
                                                                                .endsWith(
                                                                                        "call.published.v1"))
                                                .count()
                                        == CALLS);
        await().atMost(WAIT)
                .until(
                        () ->
                                RECORDS.all("fundingwatch.opportunities").stream()
                                                .filter(
                                                        r ->
                                                                ids.contains(
                                                                        r.data()
                                                                                .get("callId")
                                                                                .asString()))
                                                .count()
                                        == (long) CALLS * 2);

        // the same calls again, 5 of them changed: one read, one update per changed call, no insert
        List<String> again =
                IntStream.range(0, CALLS)
                        .mapToObj(i -> call(i, i % 40 == 1 ? " (moved)" : ""))
                        .toList();
        List<StoreCommands.Sent> second = pushed(api, again, 0, 5, CALLS - 5);
        Map<String, Long> secondCalls = onCalls(second);
        assertThat(secondCalls)
                .as("the calls collection's commands for %d calls, 5 changed", CALLS)
                .containsEntry("find", 1L)
                .containsEntry("update", 5L)
                .doesNotContainKey("insert");
    }

    /**
     * A call inserted by someone else between the batch's read and its insert is a duplicate, not
     * an error: the others of the insert are stored all the same.
     */
    @Test
    void aCallStoredMeanwhileIsADuplicateAndTheOthersAreStored() {
        TrackedCall stored = tracked("RACE-" + RUN + "-1");
        TrackedCall fresh = tracked("RACE-" + RUN + "-2");
        store.insertAll(List.of(new CallStore.NewCall(stored, List.of(), List.of())));

        CallStore.InsertedAll done =
                store.insertAll(
                        List.of(
                                new CallStore.NewCall(stored, List.of(), List.of()),
                                new CallStore.NewCall(fresh, List.of(), List.of("member:x"))));

        assertThat(done.duplicates()).containsExactly(stored.id());
        assertThat(done.failed()).isEmpty();
        assertThat(done.inserted()).extracting(TrackedCall::id).containsExactly(fresh.id());
        assertThat(store.findStored(List.of(stored.id(), fresh.id(), "absent")))
                .containsOnlyKeys(stored.id(), fresh.id());
        assertThat(store.findStored(fresh.id()).orElseThrow().told()).containsExactly("member:x");
        assertThat(store.findStored(fresh.id()).orElseThrow().call().version()).isZero();
    }

    private static TrackedCall tracked(String reference) {
        FundingCall call =
                new FundingCall(
                        FEED,
                        reference,
                        null,
                        null,
                        null,
                        "Race " + reference,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        coop.cluster.fundingwatch.call.domain.CallKind.GRANT,
                        CallStatus.OPEN,
                        null,
                        List.of(),
                        null,
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of());
        return TrackedCall.first(call, Instant.now()).after();
    }

    /**
     * Pushes the records as one batch, checks its counts, and answers the commands sent while it
     * was handled.
     */
    private List<StoreCommands.Sent> pushed(
            Api api, List<String> records, int created, int updated, int unchanged) {
        String token =
                TestIssuer.shared().token("client-" + FEED).roles("feed").feedId(FEED).sign();
        commands.clear();
        Answer answer =
                api.send(
                        "POST",
                        "/api/feeds/" + FEED + "/calls",
                        token,
                        "{\"calls\":[" + String.join(",", records) + "]}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(
                        List.of(
                                answer.json().get("created").asInt(),
                                answer.json().get("updated").asInt(),
                                answer.json().get("unchanged").asInt(),
                                answer.json().get("rejected").asInt()))
                .as("created, updated, unchanged, rejected")
                .containsExactly(created, updated, unchanged, 0);
        // the thread that handled the push is the one that stored the batch
        List<StoreCommands.Sent> sent = commands.sent();
        String handler =
                sent.stream()
                        .filter(
                                s ->
                                        s.command().equals("insert")
                                                && s.collection().equals("feed_batches"))
                        .map(StoreCommands.Sent::thread)
                        .findFirst()
                        .orElseThrow();
        List<StoreCommands.Sent> byHandler =
                sent.stream().filter(s -> s.thread().equals(handler)).toList();
        System.out.printf(
                "push of %d records: %d commands by the handler %s, %d by all threads: %s%n",
                records.size(),
                byHandler.size(),
                byHandler.stream()
                        .collect(
                                Collectors.groupingBy(
                                        s -> s.collection() + "/" + s.command(),
                                        Collectors.counting())),
                sent.size(),
                sent.stream()
                        .collect(
                                Collectors.groupingBy(
                                        s -> s.collection() + "/" + s.command(),
                                        Collectors.counting())));
        return byHandler;
    }

    private static Map<String, Long> onCalls(List<StoreCommands.Sent> sent) {
        return sent.stream()
                .filter(s -> s.collection().equals("calls"))
                .collect(Collectors.groupingBy(StoreCommands.Sent::command, Collectors.counting()));
    }

    private static String call(int i, String suffix) {
        return """
        {"reference":"H2-%s-%d","title":"Hydrogen storage in ports %d%s","programme":"Interreg",
         "description":"Refuelling for ships.","eligibleCountries":["BE"],
         "deadlines":["2030-01-31T17:00:00Z"]}\
        """
                .formatted(RUN, i, i, suffix);
    }

    private static String id(int i) {
        return FundingCall.idOf(FEED, "H2-" + RUN + "-" + i).toString();
    }
}
