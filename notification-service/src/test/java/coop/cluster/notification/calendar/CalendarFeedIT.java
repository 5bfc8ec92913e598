package coop.cluster.notification.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.notification.NotificationApplication;
import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.calendar.persistence.CalendarFeedStore;
import coop.cluster.notification.calendar.persistence.CalendarItemStore;
import coop.cluster.notification.testing.Platform;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The calendar feed on the real broker and store: each person's feed holds their own organisation's
 * dates only (and the council's votes for delegates), a moved cut-off moves the event under the
 * same UID, a redelivered event changes nothing, a closed call is cancelled, the feed answers 304
 * to an app that has it, and a rotation kills the old URL.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = NotificationApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CalendarFeedIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CALLS = "fundingwatch.calls";
    private static final String PUBLISHED = "cluster.fundingwatch.call.published.v1";
    private static final String UPDATED = "cluster.fundingwatch.call.updated.v1";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("notification_calendar_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired Audience audience;

    @Autowired MongoTemplate mongo;

    private Platform platform;
    private Api api;

    @BeforeEach
    void setUp() {
        platform = new Platform(audience);
        api = new Api(port);
    }

    @Test
    void eachPersonSeesTheirOwnOrganisationsDatesAndAMovedCutOffMovesTheEvent() throws Exception {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String brabant = platform.organisation("Brabant Photonics SA");
        Person amina = platform.person(atlas, "fr", "member");
        Person bruno = platform.person(brabant, "en", "member");
        Person dora = platform.person(brabant, "en", "member", "delegate");

        String olive = UUID.randomUUID().toString();
        String photon = UUID.randomUUID().toString();
        String oliveCall = callJson(olive, "Olive robots", "OPEN", "2027-03-15T17:00:00Z");
        String olivePublished = platform.publish(CALLS, olive, PUBLISHED, oliveCall);
        platform.publish(
                CALLS,
                photon,
                PUBLISHED,
                callJson(
                        photon,
                        "Photonics pilot",
                        "OPEN",
                        "2027-02-01T12:00:00Z\",\"2027-06-01T12:00:00Z"));
        matched(olive, "watch", atlas);
        matched(photon, "member", brabant);
        String invitation = UUID.randomUUID().toString();
        platform.publish(
                "project.invitations",
                invitation,
                "cluster.project.invitation.sent.v1",
                ("{\"invitationId\":\"%s\",\"projectId\":\"%s\",\"projectTitle\":\"Lens"
                                + " lab\",\"memberId\":\"%s\","
                                + "\"role\":\"optics\",\"expiresAt\":\"2027-01-20T09:00:00Z\"}")
                        .formatted(invitation, UUID.randomUUID(), brabant));
        String invoice = UUID.randomUUID().toString();
        platform.publish(
                "finance.fees",
                invoice,
                "cluster.finance.fee.invoiced.v1",
                ("{\"invoiceId\":\"%s\",\"memberId\":\"%s\",\"feeYear\":2027,\"currency\":\"EUR\","
                     + "\"amount\":\"1200.00\",\"status\":\"OPEN\",\"dueDate\":\"2027-01-31\"}")
                        .formatted(invoice, atlas));
        String proposal = UUID.randomUUID().toString();
        platform.publish(
                "membership.council",
                proposal,
                "cluster.membership.proposal.tabled.v1",
                "{\"proposalId\":\"%s\",\"kind\":\"MOTION\",\"title\":\"Budget 2027\",\"deadline\":\"2027-01-10T12:00:00Z\"}"
                        .formatted(proposal));

        String aminaFeed = newFeed(amina);
        String brunoFeed = newFeed(bruno);
        String doraFeed = newFeed(dora);

        Map<String, String> forAmina = starts(awaitFeed(aminaFeed, c -> events(c).size() == 2));
        assertThat(forAmina)
                .containsOnlyKeys(
                        "call-" + olive + "-1@notifications.cluster.coop",
                        "invoice-" + invoice + "@notifications.cluster.coop");
        assertThat(forAmina)
                .containsEntry(
                        "call-" + olive + "-1@notifications.cluster.coop", "20270315T170000Z")
                .containsEntry("invoice-" + invoice + "@notifications.cluster.coop", "20270131");
        Calendar aminas = parse(get(aminaFeed, Map.of()).body());
        assertThat(aminas.getProperty("X-WR-CALNAME").map(Property::getValue).orElseThrow())
                .startsWith("Échéances du cluster");
        assertThat(summaries(aminas)).contains("Date limite : Olive robots");

        Map<String, String> forBruno = starts(awaitFeed(brunoFeed, c -> events(c).size() == 3));
        assertThat(forBruno)
                .containsOnlyKeys(
                        "call-" + photon + "-1@notifications.cluster.coop",
                        "call-" + photon + "-2@notifications.cluster.coop",
                        "invitation-" + invitation + "@notifications.cluster.coop");
        Map<String, String> forDora = starts(awaitFeed(doraFeed, c -> events(c).size() == 4));
        assertThat(forDora)
                .containsKey("vote-" + proposal + "@notifications.cluster.coop")
                .containsEntry(
                        "vote-" + proposal + "@notifications.cluster.coop", "20270110T120000Z")
                .doesNotContainKey("call-" + olive + "-1@notifications.cluster.coop");
        assertThat(summaries(parse(get(doraFeed, Map.of()).body())))
                .contains(
                        "Council vote closes: Budget 2027",
                        "Invitation expires: Lens lab",
                        "Cut-off: Photonics pilot");

        // the cut-off moves: the same UID, the new instant
        String moved =
                platform.publish(
                        CALLS,
                        olive,
                        UPDATED,
                        callJson(olive, "Olive robots", "OPEN", "2027-04-01T15:00:00Z")
                                .replace(
                                        "}}",
                                        "},\"diff\":{\"deadlineMoved\":{\"from\":"
                                            + "\"2027-03-15T17:00:00Z\",\"to\":\"2027-04-01T15:00:00Z\"}}}"));
        String uid = "call-" + olive + "-1@notifications.cluster.coop";
        awaitFeed(aminaFeed, c -> "20270401T150000Z".equals(starts(c).get(uid)));
        Api.Answer afterMove = get(aminaFeed, Map.of());
        String etag = header(afterMove, "ETag");
        String lastModified = header(afterMove, "Last-Modified");
        assertThat(header(afterMove, "Content-Type"))
                .isEqualToIgnoringCase("text/calendar;charset=UTF-8");

        // the published and the updated events again (redelivered): nothing changes, not even the
        // ETag
        platform.publish(CALLS, olive, olivePublished, PUBLISHED, oliveCall);
        platform.publish(CALLS, olive, moved, UPDATED, oliveCall);
        String sentinel = UUID.randomUUID().toString();
        platform.publish(
                CALLS,
                olive,
                PUBLISHED,
                callJson(sentinel, "Sentinel", "OPEN", "2027-05-01T00:00:00Z"));
        await().atMost(WAIT)
                .until(
                        () ->
                                mongo.findById(
                                                "call:" + sentinel,
                                                org.bson.Document.class,
                                                CalendarItemStore.ITEMS)
                                        != null);
        Api.Answer again = get(aminaFeed, Map.of());
        assertThat(again.body()).isEqualTo(afterMove.body());
        assertThat(header(again, "ETag")).isEqualTo(etag);

        // an app that has it gets 304
        assertThat(get(aminaFeed, Map.of("If-None-Match", etag)).status()).isEqualTo(304);
        assertThat(get(aminaFeed, Map.of("If-Modified-Since", lastModified)).status())
                .isEqualTo(304);
        assertThat(get(aminaFeed, Map.of("If-None-Match", "\"stale\"")).status()).isEqualTo(200);

        // a closed call is cancelled, under the same UIDs
        platform.publish(
                CALLS,
                photon,
                "cluster.fundingwatch.call.closed.v1",
                "{\"callId\":\"%s\",\"closedAt\":\"%s\",\"reason\":\"source-closed\"}"
                        .formatted(photon, Instant.now()));
        Calendar closed =
                awaitFeed(
                        brunoFeed,
                        c ->
                                events(c).stream()
                                        .filter(
                                                e ->
                                                        e.getProperty("UID")
                                                                .map(Property::getValue)
                                                                .orElse("")
                                                                .startsWith("call-" + photon))
                                        .allMatch(
                                                e ->
                                                        "CANCELLED"
                                                                .equals(
                                                                        e.getProperty("STATUS")
                                                                                .map(
                                                                                        Property
                                                                                                ::getValue)
                                                                                .orElse(null))));
        assertThat(starts(closed)).containsOnlyKeys(forBruno.keySet());

        // a paid invoice, a withdrawn invitation, a closed vote: cancelled too
        platform.publish(
                "finance.fees",
                invoice,
                "cluster.finance.fee.paid.v1",
                "{\"invoiceId\":\"%s\",\"memberId\":\"%s\",\"status\":\"PAID\"}"
                        .formatted(invoice, atlas));
        platform.publish(
                "project.invitations",
                invitation,
                "cluster.project.invitation.withdrawn.v1",
                "{\"invitationId\":\"%s\",\"memberId\":\"%s\",\"reason\":\"leader\"}"
                        .formatted(invitation, brabant));
        platform.publish(
                "membership.council",
                proposal,
                "cluster.membership.resolution.adopted.v1",
                "{\"resolutionId\":\"%s\",\"kind\":\"MOTION\",\"title\":\"Budget 2027\"}"
                        .formatted(proposal));
        awaitFeed(
                aminaFeed,
                c ->
                        "CANCELLED"
                                .equals(
                                        status(
                                                c,
                                                "invoice-"
                                                        + invoice
                                                        + "@notifications.cluster.coop")));
        Calendar doras =
                awaitFeed(
                        doraFeed,
                        c ->
                                events(c).stream()
                                        .allMatch(
                                                e ->
                                                        "CANCELLED"
                                                                .equals(
                                                                        e.getProperty("STATUS")
                                                                                .map(
                                                                                        Property
                                                                                                ::getValue)
                                                                                .orElse(null))));
        assertThat(starts(doras)).containsOnlyKeys(forDora.keySet());
    }

    private static String status(Calendar calendar, String uid) {
        return events(calendar).stream()
                .filter(e -> uid.equals(e.getProperty("UID").map(Property::getValue).orElse(null)))
                .findFirst()
                .flatMap(e -> e.<Property>getProperty("STATUS"))
                .map(Property::getValue)
                .orElse(null);
    }

    @Test
    void theFeedUrlIsShownOnceAndARotationKillsTheOldOne() throws Exception {
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person amina = platform.person(atlas, "en", "member");

        Api.Answer first = api.get("/api/notifications/calendar", Platform.token(amina));
        assertThat(first.status()).isEqualTo(200);
        String url = first.at("/url");
        assertThat(url)
                .startsWith("http://127.0.0.1:8080/api/notifications/calendar/")
                .endsWith(".ics");
        String token = url.substring(url.lastIndexOf('/') + 1, url.length() - 4);
        assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(16);
        Api.Answer second = api.get("/api/notifications/calendar", Platform.token(amina));
        assertThat(second.at("/url")).isNull();
        assertThat(second.at("/issuedAt")).isEqualTo(first.at("/issuedAt"));
        assertThat(
                        mongo.findById(amina.id(), org.bson.Document.class, CalendarFeedStore.FEEDS)
                                .toJson())
                .doesNotContain(token);
        String old = path(url);
        assertThat(get(old, Map.of()).status()).isEqualTo(200);
        assertThat(api.sendWith("HEAD", old, null, null, Map.of()).status()).isEqualTo(200);

        Api.Answer rotated =
                api.post("/api/notifications/calendar/rotation", Platform.token(amina), null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.at("/rotations")).isEqualTo("1");
        String now = path(rotated.at("/url"));
        assertThat(now).isNotEqualTo(old);
        Api.Answer gone = get(old, Map.of("Accept", "text/calendar"));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(header(gone, "Content-Type")).startsWith("application/problem+json");
        assertThat(gone.at("/type")).endsWith("/unknown-calendar-feed");
        assertThat(get(now, Map.of()).status()).isEqualTo(200);
        assertThat(get("/api/notifications/calendar/not-a-token.ics", Map.of()).status())
                .isEqualTo(404);
        // the management needs the person's token
        assertThat(api.get("/api/notifications/calendar", null).status()).isEqualTo(401);
        assertThat(api.post("/api/notifications/calendar/rotation", null, null).status())
                .isEqualTo(401);
    }

    // --- helpers

    @Test
    void aPlaceHeldAtAnEventIsInThePersonsFeedUntilTheyCancelOrTheEventIs() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person amina = platform.person(atlas, "fr", "member");
        Person bruno = platform.person(atlas, "en", "member");
        String feedOfAmina = newFeed(amina);
        String feedOfBruno = newFeed(bruno);
        String event = UUID.randomUUID().toString();
        String uid = "event-" + event + "@notifications.cluster.coop";
        String a = "cluster.activity.";
        platform.publish(
                "activity.events",
                event,
                a + "event.published.v1",
                ("{\"eventId\":\"%s\",\"kind\":\"WORKSHOP\",\"titleFr\":\"Atelier"
                     + " robotique\",\"titleEn\":\"Robotics workshop\",\"place\":\"Gembloux\","
                     + "\"startsAt\":\"2027-03-04T09:00:00Z\",\"endsAt\":\"2027-03-04T12:00:00Z\","
                     + "\"capacity\":1,\"audience\":\"ALL_MEMBERS\",\"publishedAt\":\"2026-12-08T08:00:00Z\"}")
                        .formatted(event));
        platform.publish(
                "activity.events",
                event,
                a + "registration.confirmed.v1",
                registration(event, amina, "\"freePlaces\":0"));
        platform.publish(
                "activity.events",
                event,
                a + "registration.waitlisted.v1",
                registration(event, bruno, "\"position\":1"));
        Calendar held = awaitFeed(feedOfAmina, c -> status(c, uid) != null);
        assertThat(summaries(held)).containsExactly("Atelier robotique");
        assertThat(starts(held)).containsEntry(uid, "20270304T090000Z");
        assertThat(status(held, uid)).isEqualTo("CONFIRMED");
        assertThat(status(awaitFeed(feedOfBruno, c -> true), uid)).as("waiting: no place").isNull();

        // amina gives her place up, which goes to bruno; then the event is cancelled
        platform.publish(
                "activity.events",
                event,
                a + "registration.cancelled.v1",
                registration(
                        event,
                        amina,
                        "\"status\":\"CONFIRMED\",\"cancelledBy\":\"%s\"".formatted(amina.id())));
        platform.publish(
                "activity.events",
                event,
                a + "registration.promoted.v1",
                registration(event, bruno, "\"promotedAt\":\"2026-12-09T09:00:00Z\""));
        Calendar promoted = awaitFeed(feedOfBruno, c -> status(c, uid) != null);
        assertThat(summaries(promoted)).containsExactly("Robotics workshop");
        assertThat(status(awaitFeed(feedOfAmina, c -> status(c, uid) == null), uid)).isNull();

        platform.publish(
                "activity.events",
                event,
                a + "event.cancelled.v1",
                "{\"eventId\":\"%s\",\"registeredPeople\":[\"%s\"],\"cancelledAt\":\"2026-12-10T09:00:00Z\"}"
                        .formatted(event, bruno.id()));
        assertThat(status(awaitFeed(feedOfBruno, c -> "CANCELLED".equals(status(c, uid))), uid))
                .isEqualTo("CANCELLED");
    }

    private static String registration(String event, Person person, String more) {
        return "{\"eventId\":\"%s\",\"registrationId\":\"%s\",\"personId\":\"%s\",\"memberId\":\"%s\",%s}"
                .formatted(event, UUID.randomUUID(), person.id(), person.memberId(), more);
    }

    private void matched(String callId, String kind, String memberId) {
        String opportunity = UUID.randomUUID().toString();
        platform.publish(
                "fundingwatch.opportunities",
                opportunity,
                "cluster.fundingwatch.opportunity.matched.v1",
                ("{\"opportunityId\":\"%s\",\"callId\":\"%s\",\"target\":{\"kind\":\"%s\",\"id\":\"%s\"},"
                     + "\"memberIds\":[\"%s\"]}")
                        .formatted(opportunity, callId, kind, memberId, memberId));
    }

    private static String callJson(String callId, String title, String status, String deadlines) {
        return ("{\"callId\":\"%s\",\"call\":{\"title\":\"%s\",\"programme\":\"Horizon"
                        + " Europe\",\"status\":\"%s\","
                        + "\"deadlines\":[\"%s\"],\"url\":\"https://example.org/%s\"}}")
                .formatted(callId, title, status, deadlines, callId);
    }

    private String newFeed(Person person) {
        Api.Answer answer = api.get("/api/notifications/calendar", Platform.token(person));
        assertThat(answer.status()).isEqualTo(200);
        return path(answer.at("/url"));
    }

    private static String path(String url) {
        return URI.create(url).getPath();
    }

    /** The feed (or whatever answers at {@code path}) as a calendar app asks for it: no token. */
    private Api.Answer get(String path, Map<String, String> headers) {
        return api.sendWith("GET", path, null, null, headers);
    }

    private static String header(Api.Answer answer, String name) {
        return answer.raw().headers().firstValue(name).orElseThrow();
    }

    private Calendar awaitFeed(String path, Predicate<Calendar> until) {
        return await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            Api.Answer answer = get(path, Map.of());
                            assertThat(answer.status()).isEqualTo(200);
                            return parse(answer.body());
                        },
                        until);
    }

    private static Calendar parse(String text) {
        try {
            return CalendarRendererTest.parse(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<VEvent> events(Calendar calendar) {
        return calendar.getComponents("VEVENT");
    }

    /** UID → DTSTART's value. */
    private static Map<String, String> starts(Calendar calendar) {
        return events(calendar).stream()
                .collect(
                        Collectors.toMap(
                                e -> e.getProperty("UID").map(Property::getValue).orElseThrow(),
                                e ->
                                        e.getProperty("DTSTART")
                                                .map(Property::getValue)
                                                .orElseThrow()));
    }

    private static List<String> summaries(Calendar calendar) {
        return events(calendar).stream()
                .map(e -> e.getProperty("SUMMARY").map(Property::getValue).orElseThrow())
                .toList();
    }
}
