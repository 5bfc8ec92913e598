package coop.cluster.activity;

import coop.cluster.activity.event.ExchangeEvents;
import coop.cluster.activity.event.domain.Audience;
import coop.cluster.activity.event.domain.EventDetails;
import coop.cluster.activity.event.domain.EventKind;
import coop.cluster.activity.meeting.B2bBoards;
import coop.cluster.activity.meeting.domain.BoardSession;
import coop.cluster.activity.meeting.domain.Interval;
import coop.cluster.activity.registration.Registrations;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.Cell;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every {@code /api/activity} endpoint × every caller × own or other registration. Each cell works
 * on a fresh event: a draft, or published and starting within the hour (so attendance may be
 * recorded), with a registration of the caller (own) or of someone else (other) when it needs one.
 * The B2B cells work on a fresh B2B event (1 March 2030) with its session set, whose board the
 * caller (own) or someone else (other) joined beside a partner of a third organisation, who asked
 * them to meet for the answers.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = ActivityApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActivityAuthorizationIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("activity_authz_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired ExchangeEvents events;

    @Autowired Registrations registrations;

    @Autowired B2bBoards boards;

    @TestFactory
    Stream<DynamicNode> matrix() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "POST /api/activity/events",
                        cell -> MatrixRequest.post("/api/activity/events", body()))
                .expect(managersOnly(201))
                .endpoint(
                        "GET /api/activity/events",
                        cell -> MatrixRequest.get("/api/activity/events?size=5"))
                .expect(membersPeopleAndManagers(200, 200))
                .endpoint(
                        "GET /api/activity/events/{id}",
                        cell -> MatrixRequest.get("/api/activity/events/" + published()))
                .expect(membersPeopleAndManagers(200, 200))
                .endpoint(
                        "POST /api/activity/events/{id}/publish",
                        cell ->
                                MatrixRequest.post(
                                        "/api/activity/events/" + draft() + "/publish", "{}"))
                .expect(managersOnly(200))
                .endpoint(
                        "POST /api/activity/events/{id}/cancel",
                        cell ->
                                MatrixRequest.post(
                                        "/api/activity/events/" + published() + "/cancel",
                                        "{\"reason\":\"storm\"}"))
                .expect(managersOnly(200))
                .endpoint(
                        "POST /api/activity/events/{id}/registrations",
                        cell ->
                                MatrixRequest.post(
                                        "/api/activity/events/" + published() + "/registrations",
                                        "{}"))
                .expect(membersPeopleAndManagers(201, 403))
                .endpoint(
                        "GET /api/activity/events/{id}/registrations",
                        cell ->
                                MatrixRequest.get(
                                        "/api/activity/events/" + published() + "/registrations"))
                .expect(managersOnly(200))
                .endpoint(
                        "POST /api/activity/events/{id}/registrations/{registrationId}/cancel",
                        cell -> {
                            String id = published();
                            String registration = registered(id, cell);
                            return MatrixRequest.post(
                                    "/api/activity/events/"
                                            + id
                                            + "/registrations/"
                                            + registration
                                            + "/cancel",
                                    "{}");
                        })
                .expect(
                        """
                        anonymous 401
                        member    own 204 other 403
                        delegate  own 204 other 403
                        manager   204
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "POST /api/activity/events/{id}/attendance",
                        cell -> {
                            String id = published();
                            String registration = registered(id, cell);
                            return MatrixRequest.post(
                                    "/api/activity/events/" + id + "/attendance",
                                    "{\"registrationIds\":[\"" + registration + "\"]}");
                        })
                .expect(managersOnly(200))
                .endpoint(
                        "GET /api/activity/registrations/mine",
                        cell -> MatrixRequest.get("/api/activity/registrations/mine"))
                .expect(membersPeopleAndManagers(200, 403))
                .endpoint(
                        "PUT /api/activity/events/{id}/b2b",
                        cell -> MatrixRequest.put(b2b(b2bEvent()), SESSION))
                .expect(managersOnly(200))
                .endpoint(
                        "GET /api/activity/events/{id}/b2b",
                        cell -> MatrixRequest.get(b2b(b2bEvent())))
                .expect(membersPeopleAndManagers(200, 200))
                .endpoint(
                        "PUT /api/activity/events/{id}/b2b/participants/me",
                        cell -> {
                            String id = b2bEvent();
                            registered(id, cell);
                            return MatrixRequest.put(
                                    b2b(id) + "/participants/me",
                                    "{\"offers\":\"cobots\",\"seeks\":\"funding\"}");
                        })
                .expect(participantsOnly(200))
                .endpoint(
                        "GET /api/activity/events/{id}/b2b/participants",
                        cell -> MatrixRequest.get(b2b(joined(cell)) + "/participants"))
                .expect(
                        """
                        anonymous 401
                        member    own 200 other 403
                        delegate  own 200 other 403
                        manager   200
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "POST /api/activity/events/{id}/b2b/requests",
                        cell ->
                                MatrixRequest.post(
                                        b2b(joined(cell)) + "/requests",
                                        "{\"with\":\"" + PARTNER + "\"}"))
                .expect(participantsOnly(201))
                .endpoint(
                        "GET /api/activity/events/{id}/b2b/requests/mine",
                        cell -> MatrixRequest.get(b2b(joined(cell)) + "/requests/mine"))
                .expect(participantsOnly(200))
                .endpoint(
                        "POST /api/activity/events/{id}/b2b/requests/{requestId}/accept",
                        cell -> answer(cell, "accept"))
                .expect(participantsOnly(200))
                .endpoint(
                        "POST /api/activity/events/{id}/b2b/requests/{requestId}/decline",
                        cell -> answer(cell, "decline"))
                .expect(participantsOnly(200))
                .endpoint(
                        "POST /api/activity/events/{id}/b2b/schedule",
                        cell -> MatrixRequest.post(b2b(joined(cell)) + "/schedule", "{}"))
                .expect(managersOnly(200))
                .endpoint(
                        "GET /api/activity/events/{id}/b2b/schedule",
                        cell -> {
                            String id = joined(cell);
                            boards.schedule(id, "matrix-manager");
                            return MatrixRequest.get(b2b(id) + "/schedule");
                        })
                .expect(managersOnly(200))
                .endpoint(
                        "GET /api/activity/events/{id}/b2b/agenda/mine",
                        cell -> MatrixRequest.get(b2b(joined(cell)) + "/agenda/mine"))
                .expect(participantsOnly(200))
                .endpoint(
                        "GET /api/activity/events/{id}/b2b/suggestions",
                        cell -> MatrixRequest.get(b2b(joined(cell)) + "/suggestions"))
                .expect(participantsOnly(200))
                .coveringEndpointsOf(context)
                .tests();
    }

    /** The people of members who joined the board (own); not someone else's (other). */
    private static String participantsOnly(int status) {
        return """
        anonymous 401
        member    own %1$d other 403
        delegate  own %1$d other 403
        manager   403
        finance   403
        feed      403
        """
                .formatted(status);
    }

    private static final String PARTNER = "matrix-b2b-partner";

    private static final String SESSION =
            """
            {"startsAt":"2030-03-01T09:00:00Z","endsAt":"2030-03-01T11:00:00Z",\
            "slotMinutes":20,"tables":3}\
            """;

    private static String b2b(String eventId) {
        return "/api/activity/events/" + eventId + "/b2b";
    }

    /** A published B2B event on 1 March 2030, 8:00 to 12:00 UTC, its session set, 9:00 to 11:00. */
    private String b2bEvent() {
        Instant starts = Instant.parse("2030-03-01T08:00:00Z");
        String id =
                events.create(
                                new EventDetails(
                                        EventKind.B2B_SESSION,
                                        "Rendez-vous",
                                        "B2B meetings",
                                        null,
                                        null,
                                        "Mons",
                                        null,
                                        starts,
                                        starts.plus(Duration.ofHours(4)),
                                        10,
                                        10,
                                        Audience.ALL_MEMBERS,
                                        null),
                                "matrix-manager")
                        .id();
        events.publish(id, null);
        boards.setSession(
                id,
                new BoardSession(
                        new Interval(
                                starts.plus(Duration.ofHours(1)), starts.plus(Duration.ofHours(3))),
                        Duration.ofMinutes(20),
                        List.of(),
                        3));
        return id;
    }

    /**
     * A B2B event whose board the cell's caller (own) or someone else (other) joined, with a
     * partner of a third organisation.
     */
    private String joined(Cell cell) {
        String id = b2bEvent();
        join(id, cell.userName(), cell.memberId());
        join(id, PARTNER, "0000cccc-0000-4000-8000-00000000000c");
        return id;
    }

    private void join(String id, String person, String member) {
        boards.join(
                id,
                registrations.register(id, person, member).registration(),
                "cobots",
                "funding",
                List.of());
    }

    /** The partner asked the cell's caller (own) or someone else (other) to meet. */
    private MatrixRequest answer(Cell cell, String how) {
        String id = joined(cell);
        String request = boards.request(id, PARTNER, cell.userName()).requestId();
        return MatrixRequest.post(b2b(id) + "/requests/" + request + "/" + how, "{}");
    }

    private static String managersOnly(int status) {
        return """
        anonymous 401
        member    403
        delegate  403
        manager   %d
        finance   403
        feed      403
        """
                .formatted(status);
    }

    private static String membersPeopleAndManagers(int people, int manager) {
        return """
        anonymous 401
        member    %1$d
        delegate  %1$d
        manager   %2$d
        finance   403
        feed      403
        """
                .formatted(people, manager);
    }

    private String draft() {
        Instant starts = Instant.now().plus(Duration.ofMinutes(30));
        return events.create(
                        new EventDetails(
                                EventKind.WORKSHOP,
                                "Atelier",
                                "Workshop",
                                null,
                                null,
                                "Namur",
                                null,
                                starts,
                                starts.plus(Duration.ofHours(2)),
                                10,
                                10,
                                Audience.ALL_MEMBERS,
                                null),
                        "matrix-manager")
                .id();
    }

    private String published() {
        return events.publish(draft(), null).id();
    }

    /** A registration of the cell's caller (own), or of someone else (other). */
    private String registered(String eventId, Cell cell) {
        return registrations
                .register(eventId, cell.userName(), cell.memberId())
                .registration()
                .registrationId();
    }

    private static String body() {
        return """
        {"kind":"SITE_VISIT","titleFr":"Visite","titleEn":"Visit","place":"Liège",\
        "startsAt":"2030-03-01T09:00:00Z","endsAt":"2030-03-01T12:00:00Z","capacity":12}\
        """;
    }
}
