package coop.cluster.activity.registration;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.activity.ActivityApplication;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Exchange events and registrations on the real broker and store: the happy path, the waiting list
 * moving up on a cancellation, attendance, and concurrent registrations never over capacity.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = ActivityApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationsIT {

    private static final String TOPIC = "activity.events";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("activity_registrations_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    private Api api;
    private final String manager = TestIssuer.shared().token("manon").roles("manager").sign();

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void peopleRegisterWaitCancelMoveUpAndAreRecordedPresentAndEachStepIsPublished() {
        String id = publishedEvent(2, 2, Instant.now().plus(Duration.ofHours(1)));
        String amina = person("amina");
        String bruno = person("bruno");
        String carla = person("carla");

        Answer first = api.post(registrations(id), amina, null);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.at("/status")).isEqualTo("CONFIRMED");
        assertThat(api.post(registrations(id), bruno, null).at("/status")).isEqualTo("CONFIRMED");
        Answer third = api.post(registrations(id), carla, null);
        assertThat(third.status()).isEqualTo(201);
        assertThat(third.json().path("status").asString()).isEqualTo("WAITLISTED");
        assertThat(third.json().path("position").asInt()).isEqualTo(1);

        Answer again = api.post(registrations(id), amina, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.at("/type")).endsWith("already-registered");
        assertThat(again.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));

        Answer cancelOthers =
                api.post(
                        registrations(id) + "/" + first.at("/registrationId") + "/cancel",
                        bruno,
                        null);
        assertThat(cancelOthers.status()).isEqualTo(403);
        Answer cancelled =
                api.post(
                        registrations(id) + "/" + first.at("/registrationId") + "/cancel",
                        amina,
                        null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(204);

        JsonNode roster = api.get(registrations(id), manager).json();
        assertThat(roster.path("confirmed").findValuesAsString("personId"))
                .containsExactly("bruno", "carla");
        assertThat(roster.path("waiting").isEmpty()).isTrue();
        JsonNode mine = api.get("/api/activity/registrations/mine", carla).json();
        assertThat(mine.get(0).path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(mine.get(0).path("promotedAt").isNull()).isFalse();

        Answer attended =
                api.post(
                        "/api/activity/events/" + id + "/attendance",
                        manager,
                        "{\"registrationIds\":[\"" + third.at("/registrationId") + "\"]}");
        assertThat(attended.status()).as(attended.body()).isEqualTo(200);
        assertThat(api.get("/api/activity/events/" + id, manager).at("/state")).isEqualTo("HELD");

        List<TopicEvents.Event> events = broker().read(TOPIC, id, 7, Duration.ofSeconds(30));
        assertThat(events)
                .extracting(TopicEvents.Event::type)
                .containsExactly(
                        "cluster.activity.event.published.v1",
                        "cluster.activity.registration.confirmed.v1",
                        "cluster.activity.registration.confirmed.v1",
                        "cluster.activity.registration.waitlisted.v1",
                        "cluster.activity.registration.cancelled.v1",
                        "cluster.activity.registration.promoted.v1",
                        "cluster.activity.attendance.recorded.v1");
        assertThat(events.get(5).data().path("personId").asString()).isEqualTo("carla");
        assertThat(events.get(6).data().path("attendees").get(0).path("personId").asString())
                .isEqualTo("carla");
    }

    @Test
    void fiftyConcurrentRegistrationsForTwentyPlacesConfirmTwentyAndWaitlistThirtyInOrder()
            throws Exception {
        String id = publishedEvent(20, 40, Instant.now().plus(Duration.ofDays(3)));
        int people = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(people)) {
            for (int i = 0; i < people; i++) {
                String token = person("p" + i + "-" + UUID.randomUUID());
                answers.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return new Api(port).post(registrations(id), token, null);
                                }));
            }
            start.countDown();
            for (Future<Answer> answer : answers) {
                Answer a = answer.get();
                assertThat(a.status()).as(a.body()).isEqualTo(201);
            }
        }
        List<String> statuses = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            statuses.add(answer.get().at("/status"));
            positions.add(answer.get().json().path("position").asInt());
        }
        assertThat(statuses).filteredOn("CONFIRMED"::equals).hasSize(20);
        assertThat(statuses).filteredOn("WAITLISTED"::equals).hasSize(30);
        assertThat(positions.stream().filter(p -> p > 0).sorted().toList())
                .isEqualTo(IntStream.rangeClosed(1, 30).boxed().toList());

        JsonNode roster = api.get(registrations(id), manager).json();
        assertThat(roster.path("confirmed").size()).isEqualTo(20);
        assertThat(roster.path("freePlaces").asInt()).isZero();
        assertThat(roster.path("waiting").size()).isEqualTo(30);

        List<TopicEvents.Event> events = broker().read(TOPIC, id, 51, Duration.ofSeconds(60));
        assertThat(events).hasSize(51);
        assertThat(events.getFirst().type()).isEqualTo("cluster.activity.event.published.v1");
        List<TopicEvents.Event> confirmed =
                events.stream()
                        .filter(e -> e.type().equals("cluster.activity.registration.confirmed.v1"))
                        .toList();
        List<TopicEvents.Event> waitlisted =
                events.stream()
                        .filter(e -> e.type().equals("cluster.activity.registration.waitlisted.v1"))
                        .toList();
        assertThat(confirmed).hasSize(20);
        assertThat(waitlisted).hasSize(30);
        assertThat(events.stream().map(e -> e.data().path("registrationId").asString()).skip(1))
                .doesNotHaveDuplicates()
                .hasSize(50);
        // the waiting list's order is the order of the writes, as published
        assertThat(waitlisted.stream().map(e -> e.data().path("position").asInt()).toList())
                .isEqualTo(IntStream.rangeClosed(1, 30).boxed().toList());
        assertThat(roster.path("waiting").findValuesAsString("registrationId"))
                .isEqualTo(
                        waitlisted.stream()
                                .map(e -> e.data().path("registrationId").asString())
                                .toList());
        // and the places are counted down one by one
        assertThat(confirmed.stream().map(e -> e.data().path("freePlaces").asInt()).toList())
                .isEqualTo(IntStream.range(0, 20).map(i -> 19 - i).boxed().toList());
    }

    @Test
    void badInputIsAProblem() {
        Answer endsBefore =
                api.post(
                        "/api/activity/events",
                        manager,
                        event(5, 5, Instant.now().plusSeconds(3600), Instant.now()));
        assertThat(endsBefore.status()).isEqualTo(400);
        assertThat(endsBefore.at("/type")).endsWith("event-ends-before-it-starts");
        Answer noCapacity =
                api.post(
                        "/api/activity/events",
                        manager,
                        """
                        {"kind":"WORKSHOP","titleEn":"x","place":"Namur",\
                        "startsAt":"2030-01-01T09:00:00Z","endsAt":"2030-01-01T12:00:00Z"}\
                        """);
        assertThat(noCapacity.status()).isEqualTo(400);
        Answer draft =
                api.post(
                        "/api/activity/events",
                        manager,
                        event(5, 5, Instant.now().plusSeconds(3600), null));
        String id = draft.at("/id");
        assertThat(api.get("/api/activity/events/" + id, person("amina")).status())
                .as("a draft, for a member")
                .isEqualTo(404);
        Answer notOpen = api.post(registrations(id), person("amina"), null);
        assertThat(notOpen.status()).isEqualTo(404);
        Answer stale =
                api.send("POST", "/api/activity/events/" + id + "/publish", manager, null, "\"7\"");
        assertThat(stale.status()).isEqualTo(412);
    }

    private String publishedEvent(int capacity, int waiting, Instant startsAt) {
        Answer created =
                api.post("/api/activity/events", manager, event(capacity, waiting, startsAt, null));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.at("/id");
        Answer published =
                api.send("POST", "/api/activity/events/" + id + "/publish", manager, null, "\"0\"");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.at("/state")).isEqualTo("PUBLISHED");
        return id;
    }

    static String event(int capacity, int waiting, Instant startsAt, Instant endsAt) {
        return """
        {"kind":"WORKSHOP","titleFr":"Atelier cobots","titleEn":"Cobot workshop",\
        "place":"Namur, Espace Créativité","startsAt":"%s","endsAt":"%s",\
        "capacity":%d,"waitingListCap":%d,"audience":"ALL_MEMBERS"}\
        """
                .formatted(
                        startsAt,
                        endsAt != null ? endsAt : startsAt.plus(Duration.ofHours(3)),
                        capacity,
                        waiting);
    }

    private static String registrations(String id) {
        return "/api/activity/events/" + id + "/registrations";
    }

    private static String person(String name) {
        return TestIssuer.shared()
                .token(name)
                .roles("member")
                .memberId(UUID.nameUUIDFromBytes(name.getBytes()).toString())
                .sign();
    }

    private static TopicEvents broker() {
        return new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    }
}
