package coop.cluster.activity.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.activity.ActivityApplication;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A B2B session on the real broker and store: 20 confirmed participants of 10 organisations (and
 * one waiting, who may not join), their requests, answers and a mutual pair, the schedule run,
 * every agenda without a clash, a re-run after a cancellation, and the events on the topic.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = ActivityApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class B2bMeetingsIT {

    private static final String TOPIC = "activity.events";
    private static final int PEOPLE = 20;
    private static final int TABLES = 4;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("activity_b2b_it"));
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
    void participantsAskAnswerAndGetAgendasWithoutClashesAndEachStepIsPublished() {
        String id = b2bEvent();
        String b2b = "/api/activity/events/" + id + "/b2b";
        Answer session =
                api.put(
                        b2b,
                        manager,
                        """
                        {"startsAt":"2030-03-01T09:00:00Z","endsAt":"2030-03-01T11:00:00Z",\
                        "slotMinutes":15,"tables":%d,\
                        "breaks":[{"startsAt":"2030-03-01T10:00:00Z","endsAt":"2030-03-01T10:15:00Z"}]}\
                        """
                                .formatted(TABLES));
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        assertThat(session.json().path("slots").size()).isEqualTo(7);

        List<String> people = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String name = "p" + i + "-" + UUID.randomUUID();
            people.add(name);
            tokens.add(person(name, "org" + i / 2));
            Answer registered = api.post(registrations(id), tokens.get(i), null);
            assertThat(registered.at("/status")).isEqualTo("CONFIRMED");
        }
        String waiting = person("late-" + UUID.randomUUID(), "org-late");
        assertThat(api.post(registrations(id), waiting, null).at("/status"))
                .isEqualTo("WAITLISTED");
        Answer notConfirmed = api.put(b2b + "/participants/me", waiting, "{}");
        assertThat(notConfirmed.status()).isEqualTo(403);
        assertThat(notConfirmed.at("/type")).endsWith("b2b-confirmed-registrants-only");

        for (int i = 0; i < PEOPLE; i++) {
            String profile =
                    i == 5
                            ? """
                            {"offers":"cobots","seeks":"robotique",\
                            "away":[{"startsAt":"2030-03-01T09:00:00Z","endsAt":"2030-03-01T09:30:00Z"}]}\
                            """
                            : """
                            {"offers":"%s","seeks":"%s"}\
                            """
                                    .formatted(
                                            i % 2 == 0 ? "robotique industrielle" : "financement",
                                            i % 2 == 0 ? "financement européen" : "cobots");
            Answer joined = api.put(b2b + "/participants/me", tokens.get(i), profile);
            assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        }
        assertThat(api.get(b2b, tokens.get(0)).json().path("participants").asInt())
                .isEqualTo(PEOPLE);
        Answer suggested = api.get(b2b + "/suggestions", tokens.get(0));
        assertThat(suggested.status()).isEqualTo(200);
        assertThat(suggested.json().get(0).path("because").toString()).contains("financement");
        Answer colleague =
                api.post(b2b + "/requests", tokens.get(0), "{\"with\":\"" + people.get(1) + "\"}");
        assertThat(colleague.status()).isEqualTo(409);
        assertThat(colleague.at("/type")).endsWith("meeting-one-organisation");

        // each asks three others; the one asked accepts three times in four
        Map<String, Integer> requested = new HashMap<>();
        int accepted = 0;
        int declined = 0;
        for (int i = 0; i < PEOPLE; i++) {
            for (int offset : new int[] {2, 5, 7}) {
                int j = (i + offset) % PEOPLE;
                Answer made =
                        api.post(
                                b2b + "/requests",
                                tokens.get(i),
                                "{\"with\":\"" + people.get(j) + "\"}");
                assertThat(made.status()).as(made.body()).isEqualTo(201);
                assertThat(made.at("/state")).isEqualTo("REQUESTED");
                requested.put(made.at("/requestId"), j);
            }
        }
        for (Map.Entry<String, Integer> r : requested.entrySet()) {
            int j = r.getValue();
            boolean accept = (r.getKey().hashCode() & 3) != 0;
            Answer answered =
                    api.post(
                            b2b + "/requests/" + r.getKey() + (accept ? "/accept" : "/decline"),
                            tokens.get(j),
                            null);
            assertThat(answered.status()).as(answered.body()).isEqualTo(200);
            if (accept) {
                accepted++;
            } else {
                declined++;
            }
        }
        // 1 asks 10, and 10 asks 1 back: one request, mutual
        Answer mutual =
                api.post(b2b + "/requests", tokens.get(1), "{\"with\":\"" + people.get(10) + "\"}");
        assertThat(mutual.status()).as(mutual.body()).isEqualTo(201);
        Answer back =
                api.post(b2b + "/requests", tokens.get(10), "{\"with\":\"" + people.get(1) + "\"}");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.at("/state")).isEqualTo("ACCEPTED");
        assertThat(back.json().path("mutual").asBoolean()).isTrue();
        accepted++;

        Answer othersRequest =
                api.post(
                        b2b + "/requests/" + requested.keySet().iterator().next() + "/accept",
                        manager,
                        null);
        assertThat(othersRequest.status()).isEqualTo(403);

        Answer run = api.post(b2b + "/schedule", manager, null);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        int scheduled = run.json().path("scheduled").asInt();
        assertThat(scheduled + run.json().path("unscheduled").asInt()).isEqualTo(accepted);
        assertThat(scheduled).isPositive();
        assertThat(run.json().path("newOrMoved").asInt()).isEqualTo(scheduled);

        // every agenda: one meeting per slot at most, and the tables of a slot never shared
        Map<Integer, Set<Integer>> tablesBySlot = new HashMap<>();
        int seats = 0;
        for (int i = 0; i < PEOPLE; i++) {
            JsonNode agenda = api.get(b2b + "/agenda/mine", tokens.get(i)).json();
            Set<Integer> slots = new HashSet<>();
            for (JsonNode m : agenda.path("meetings")) {
                assertThat(slots.add(m.path("slot").asInt())).as("a clash for p" + i).isTrue();
                assertThat(m.path("table").asInt()).isBetween(1, TABLES);
                tablesBySlot
                        .computeIfAbsent(m.path("slot").asInt(), s -> new HashSet<>())
                        .add(m.path("table").asInt());
                if (i == 5) {
                    assertThat(m.path("slot").asInt()).as("p5 is away then").isGreaterThan(1);
                }
                seats++;
            }
        }
        assertThat(seats).isEqualTo(2 * scheduled);
        JsonNode whole = api.get(b2b + "/schedule?size=1000", manager).json();
        assertThat(whole.path("meetings").size()).isEqualTo(scheduled);
        Set<String> slotTables = new HashSet<>();
        for (JsonNode m : whole.path("meetings")) {
            assertThat(slotTables.add(m.path("slot").asInt() + "/" + m.path("table").asInt()))
                    .isTrue();
        }
        assertThat(api.get(b2b + "/schedule", tokens.get(0)).status()).isEqualTo(403);

        // p19 cancels: a re-run drops their meetings and says so
        JsonNode mine = api.get("/api/activity/registrations/mine", tokens.get(19)).json();
        String registration = mine.get(0).path("registrationId").asString();
        int p19Meetings =
                api.get(b2b + "/agenda/mine", tokens.get(19)).json().path("meetings").size();
        assertThat(
                        api.post(
                                        registrations(id) + "/" + registration + "/cancel",
                                        tokens.get(19),
                                        null)
                                .status())
                .isEqualTo(204);
        Answer rerun = api.post(b2b + "/schedule", manager, null);
        assertThat(rerun.status()).as(rerun.body()).isEqualTo(200);
        assertThat(rerun.json().path("run").asInt()).isEqualTo(2);
        int removed = rerun.json().path("removed").asInt();
        assertThat(removed).isGreaterThanOrEqualTo(p19Meetings);
        assertThat(api.get(b2b + "/agenda/mine", tokens.get(19)).json().path("meetings").size())
                .as("a participant of the board still, with no meeting")
                .isZero();
        int changed = rerun.json().path("newOrMoved").asInt();

        int expected =
                1 // published
                        + PEOPLE
                        + 1 // waitlisted
                        + requested.size()
                        + 1 // the request of 1 to 10, made mutual
                        + accepted
                        + declined
                        + scheduled
                        + 2 // the cancellation and the promotion of the one waiting
                        + changed
                        + removed;
        List<TopicEvents.Event> events = broker().read(TOPIC, id, expected, Duration.ofSeconds(60));
        assertThat(events).hasSize(expected);
        Map<String, Long> byType = new HashMap<>();
        events.forEach(e -> byType.merge(e.type(), 1L, Long::sum));
        assertThat(byType.get("cluster.activity.meeting.scheduled.v1"))
                .isEqualTo((long) scheduled + changed);
        assertThat(byType.get("cluster.activity.meeting.declined.v1")).isEqualTo((long) declined);
        assertThat(byType.getOrDefault("cluster.activity.meeting.unscheduled.v1", 0L))
                .isEqualTo((long) removed);
        TopicEvents.Event first =
                events.stream()
                        .filter(e -> e.type().equals("cluster.activity.meeting.scheduled.v1"))
                        .findFirst()
                        .orElseThrow();
        assertThat(first.data().path("table").asInt()).isBetween(1, TABLES);
        assertThat(first.data().path("startsAt").asString()).startsWith("2030-03-01T");
        assertThat(first.data().path("previousStartsAt").isNull()).isTrue();
    }

    @Test
    void onlyAB2bSessionHasABoardAndItsSessionIsWithinTheEvent() {
        Answer workshop =
                api.post(
                        "/api/activity/events",
                        manager,
                        """
                        {"kind":"WORKSHOP","titleEn":"Workshop","place":"Namur",\
                        "startsAt":"2030-03-01T08:00:00Z","endsAt":"2030-03-01T12:00:00Z","capacity":5}\
                        """);
        String session =
                """
                {"startsAt":"2030-03-01T09:00:00Z","endsAt":"2030-03-01T11:00:00Z",\
                "slotMinutes":20,"tables":3}\
                """;
        Answer notB2b =
                api.put("/api/activity/events/" + workshop.at("/id") + "/b2b", manager, session);
        assertThat(notB2b.status()).isEqualTo(409);
        assertThat(notB2b.at("/type")).endsWith("not-a-b2b-session");
        String id = b2bEvent();
        Answer outside =
                api.put(
                        "/api/activity/events/" + id + "/b2b",
                        manager,
                        session.replace("11:00:00Z", "13:00:00Z"));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.at("/type")).endsWith("b2b-session-outside-event");
        assertThat(api.get("/api/activity/events/" + id + "/b2b", manager).status()).isEqualTo(404);
    }

    private String b2bEvent() {
        Answer created =
                api.post(
                        "/api/activity/events",
                        manager,
                        """
                        {"kind":"B2B_SESSION","titleFr":"Rendez-vous d'affaires","titleEn":"B2B meetings",\
                        "place":"Mons, Micx","startsAt":"2030-03-01T08:00:00Z",\
                        "endsAt":"2030-03-01T12:00:00Z","capacity":%d,"waitingListCap":5,\
                        "audience":"ALL_MEMBERS"}\
                        """
                                .formatted(PEOPLE));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.at("/id");
        assertThat(api.post("/api/activity/events/" + id + "/publish", manager, null).status())
                .isEqualTo(200);
        return id;
    }

    private static String registrations(String id) {
        return "/api/activity/events/" + id + "/registrations";
    }

    private static String person(String name, String org) {
        return TestIssuer.shared()
                .token(name)
                .roles("member")
                .memberId(UUID.nameUUIDFromBytes(org.getBytes()).toString())
                .sign();
    }

    private static TopicEvents broker() {
        return new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    }
}
