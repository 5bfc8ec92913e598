package coop.cluster.notification;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.notification.inbox.Inbox;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Rendered;
import coop.cluster.notification.unsubscribe.UnsubscribeTokens;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.Cell;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.Subject;
import coop.cluster.testing.security.TestIssuer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
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
 * Every endpoint × every caller × the caller's own notification or someone else's: a person reads
 * and marks their own only (another's is 404, as if it did not exist); a machine client has no
 * inbox (403); the one-click unsubscribe needs no token; bounces are reported by the mail relay's
 * client or a platform administrator only.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = NotificationApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationAuthorizationIT {

    private static final String SOMEONE_ELSE = "matrix-someone-else";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("notification_authz_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired Inbox inbox;

    @Autowired UnsubscribeTokens tokens;

    @Autowired coop.cluster.notification.calendar.CalendarFeed calendar;

    private static final String PEOPLE_ONLY =
            """
            anonymous 401
            member    200
            delegate  200
            manager   200
            finance   200
            feed      403
            platform-admin 200
            """;

    @TestFactory
    Stream<DynamicNode> matrix() {
        String run = UUID.randomUUID().toString();
        for (Subject subject :
                java.util.List.of(
                        Subject.MEMBER,
                        Subject.DELEGATE,
                        Subject.MANAGER,
                        Subject.FINANCE,
                        Subject.FEED,
                        Subject.PLATFORM_ADMIN)) {
            entryOf(subject.subjectName(), run);
        }
        entryOf(SOMEONE_ELSE, run);
        String unsubscribe =
                URLEncoder.encode(
                        tokens.issue(SOMEONE_ELSE, Kind.REPORT_PUBLISHED), StandardCharsets.UTF_8);
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .withSubjects(Subject.PLATFORM_ADMIN)
                .endpoint(
                        "GET /api/notifications",
                        cell -> MatrixRequest.get("/api/notifications?unread=true"))
                .expect(PEOPLE_ONLY)
                .endpoint(
                        "GET /api/notifications/unread-count",
                        cell -> MatrixRequest.get("/api/notifications/unread-count"))
                .expect(PEOPLE_ONLY)
                .endpoint(
                        "POST /api/notifications/{id}/read",
                        cell ->
                                MatrixRequest.post(
                                        "/api/notifications/" + id(cell, run) + "/read", null))
                .expect(
                        """
                        anonymous 401
                        member    own 200 other 404
                        delegate  own 200 other 404
                        manager   200
                        finance   200
                        feed      403
                        platform-admin 200
                        """)
                .endpoint(
                        "POST /api/notifications/read-all",
                        cell -> MatrixRequest.post("/api/notifications/read-all", null))
                .expect(PEOPLE_ONLY)
                .endpoint(
                        "POST /api/notifications/unsubscribe",
                        cell ->
                                MatrixRequest.post(
                                        "/api/notifications/unsubscribe?token=" + unsubscribe,
                                        null))
                .expect(
                        """
                        anonymous 200
                        member    200
                        delegate  200
                        manager   200
                        finance   200
                        feed      200
                        platform-admin 200
                        """)
                .endpoint(
                        "GET /api/notifications/preferences",
                        cell -> MatrixRequest.get("/api/notifications/preferences"))
                .expect(PEOPLE_ONLY)
                .endpoint(
                        "PUT /api/notifications/preferences",
                        cell ->
                                MatrixRequest.put(
                                        "/api/notifications/preferences",
                                        "{\"choices\":{\"report-published\":\"weekly\"}}"))
                .expect(PEOPLE_ONLY)
                .endpoint(
                        "PUT /api/notifications/preferences/{kind}",
                        cell ->
                                MatrixRequest.put(
                                        "/api/notifications/preferences/call-deadline",
                                        "{\"choice\":\"daily\"}"))
                .expect(PEOPLE_ONLY)
                .endpoint(
                        "GET /api/notifications/calendar",
                        cell -> MatrixRequest.get("/api/notifications/calendar"))
                .expect(PEOPLE_ONLY)
                .endpoint(
                        "POST /api/notifications/calendar/rotation",
                        cell -> MatrixRequest.post("/api/notifications/calendar/rotation", null))
                .expect(PEOPLE_ONLY)
                // the secret feed URL is its own credential: a bearer token, or none, changes
                // nothing
                .endpoint(
                        "GET /api/notifications/calendar/{token}.ics",
                        cell ->
                                MatrixRequest.get(
                                        java.net
                                                .URI
                                                .create(calendar.rotate(SOMEONE_ELSE).url())
                                                .getPath()))
                .expect(
                        """
                        anonymous 200
                        member    200
                        delegate  200
                        manager   200
                        finance   200
                        feed      200
                        platform-admin 200
                        """)
                // the mail relay's client (its scope) or a platform administrator; a soft bounce
                // changes no sending
                .endpoint(
                        "POST /api/notifications/bounces",
                        cell ->
                                MatrixRequest.post(
                                        "/api/notifications/bounces",
                                        "{\"email\":\"matrix-bounce@example.org\",\"kind\":\"soft\",\"reason\":\"matrix\"}"))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   403
                        finance   403
                        feed      403
                        platform-admin 200
                        """)
                .coveringEndpointsOf(context)
                .tests();
    }

    private String id(Cell cell, String run) {
        return UUID.nameUUIDFromBytes(
                        (run + (cell.own() ? cell.subject().subjectName() : SOMEONE_ELSE))
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private void entryOf(String person, String run) {
        String id =
                UUID.nameUUIDFromBytes((run + person).getBytes(StandardCharsets.UTF_8)).toString();
        inbox.add(
                id,
                "event-" + id,
                person,
                Kind.PROJECT_INVITATION,
                new Rendered("Invitation", "summary", "text", "<p>html</p>"),
                "http://127.0.0.1:8080/home",
                Instant.now());
    }
}
