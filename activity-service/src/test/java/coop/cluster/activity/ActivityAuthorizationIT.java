package coop.cluster.activity;

import coop.cluster.activity.event.ExchangeEvents;
import coop.cluster.activity.event.domain.Audience;
import coop.cluster.activity.event.domain.EventDetails;
import coop.cluster.activity.event.domain.EventKind;
import coop.cluster.activity.registration.Registrations;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.Cell;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.time.Instant;
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
                .coveringEndpointsOf(context)
                .tests();
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
