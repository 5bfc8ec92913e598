package coop.cluster.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.infra.testing.MailBox;
import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.digest.DigestJob;
import coop.cluster.notification.digest.DigestNotices;
import coop.cluster.notification.digest.Period;
import coop.cluster.notification.email.Deliveries;
import coop.cluster.notification.notify.Channel;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Notifier;
import coop.cluster.notification.testing.Platform;
import coop.cluster.notification.unsubscribe.UnsubscribeTokens;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * On the real broker, store and SMTP server: each person chooses per kind how they get its e-mails
 * (immediately, daily or weekly digest, off), essential kinds always immediately.
 */
@EmbeddedInfraTest(mail = true)
@SpringBootTest(
        classes = NotificationApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.notifications.email.first-backoff=PT0.2S",
            "cluster.notifications.email.sweep-interval=PT1S",
            "cluster.notifications.email.lease=PT3S",
            // long enough for a burst of events to be handled within one window on a busy machine
            "cluster.notifications.digest.burst-window=PT10S",
            "cluster.notifications.digest.check-interval=PT1S"
        })
class PreferencesIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PREFERENCES = "/api/notifications/preferences";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("notification_preferences_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired Audience audience;

    @Autowired UnsubscribeTokens tokens;

    @Autowired DigestNotices gathered;

    @Autowired DigestJob digests;

    @Autowired Deliveries deliveries;

    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    final MailBox mail = EmbeddedInfra.shared().mailBox();
    Platform platform;
    Api api;

    @BeforeEach
    void setUp() {
        platform = new Platform(audience);
        api = new Api(port);
    }

    @Test
    void everyKindIsListedWithItsChoiceAndTheChoicesItAllows() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String amina = Platform.token(platform.person(atlas, "fr", "member"));

        Api.Answer all = api.get(PREFERENCES, amina);
        assertThat(all.status()).isEqualTo(200);
        JsonNode kinds = all.json().get("kinds");
        assertThat(kinds).hasSize(Kind.notices().size());
        for (JsonNode kind : kinds) {
            // not chosen: at once, but the new exchange events in the weekly digest
            assertThat(kind.get("choice").asString())
                    .as(kind.get("kind").asString())
                    .isEqualTo(
                            "event-published".equals(kind.get("kind").asString())
                                    ? "weekly"
                                    : "immediately");
            if (kind.get("essential").asBoolean()) {
                assertThat(kind.get("allowed").toString()).isEqualTo("[\"immediately\"]");
            } else {
                assertThat(kind.get("allowed").toString())
                        .isEqualTo("[\"immediately\",\"daily\",\"weekly\",\"off\"]");
            }
        }
        assertThat(all.at("/digests/dailyAt")).isEqualTo("07:00");
        assertThat(all.at("/digests/weeklyOn")).isEqualTo("monday");
        assertThat(all.at("/digests/zone")).isEqualTo("UTC");
        assertThat(choiceOf(all, "invoice-overdue")).isEqualTo("immediately");
        assertThat(essential(all, "invoice-overdue")).isTrue();
        assertThat(essential(all, "report-published")).isFalse();

        Api.Answer one =
                api.put(PREFERENCES + "/report-published", amina, "{\"choice\":\"daily\"}");
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.at("/kind")).isEqualTo("report-published");
        assertThat(one.at("/choice")).isEqualTo("daily");
        assertThat(choiceOf(api.get(PREFERENCES, amina), "report-published")).isEqualTo("daily");

        Api.Answer several =
                api.put(
                        PREFERENCES,
                        amina,
                        "{\"choices\":{\"call-deadline\":\"weekly\",\"report-published\":\"off\",\"vote-opened\":\"immediately\"}}");
        assertThat(several.status()).as(several.body()).isEqualTo(200);
        assertThat(choiceOf(several, "call-deadline")).isEqualTo("weekly");
        assertThat(choiceOf(several, "report-published")).isEqualTo("off");
        assertThat(choiceOf(several, "vote-opened")).isEqualTo("immediately");

        // another person's preferences are their own
        String bruno = Platform.token(platform.person(atlas, "en", "member"));
        assertThat(choiceOf(api.get(PREFERENCES, bruno), "report-published"))
                .isEqualTo("immediately");
    }

    @Test
    void anEssentialKindCannotBeTurnedOffOrDelayedAndABadValueIsRefused() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person camille = platform.person(atlas, "fr", "member");
        String token = Platform.token(camille);

        Api.Answer off = api.put(PREFERENCES + "/invoice-overdue", token, "{\"choice\":\"off\"}");
        assertThat(off.status()).isEqualTo(422);
        assertThat(off.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(off.at("/type")).endsWith("/essential-notification-kind");
        assertThat(off.at("/detail"))
                .contains("invoice-overdue is essential")
                .contains("cannot be off");
        Api.Answer french =
                sendFrench(
                        "PUT", PREFERENCES + "/invoice-overdue", token, "{\"choice\":\"daily\"}");
        assertThat(french.status()).isEqualTo(422);
        assertThat(french.at("/detail"))
                .contains("invoice-overdue est essentielle")
                .contains("ne peut pas être daily");

        // all or nothing: the refused kind stops the others too
        Api.Answer mixed =
                api.put(
                        PREFERENCES,
                        token,
                        "{\"choices\":{\"report-published\":\"weekly\",\"vote-opened\":\"weekly\"}}");
        assertThat(mixed.status()).isEqualTo(422);
        assertThat(choiceOf(api.get(PREFERENCES, token), "report-published"))
                .isEqualTo("immediately");

        Api.Answer badValue =
                api.put(PREFERENCES + "/report-published", token, "{\"choice\":\"hourly\"}");
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.at("/type")).endsWith("/invalid-notification-choice");
        assertThat(badValue.at("/detail")).contains("hourly");
        assertThat(
                        sendFrench(
                                        "PUT",
                                        PREFERENCES + "/report-published",
                                        token,
                                        "{\"choice\":\"hourly\"}")
                                .at("/detail"))
                .contains("« hourly » n’est pas un choix");
        assertThat(api.put(PREFERENCES + "/report-published", token, "{}").status()).isEqualTo(400);
        assertThat(api.put(PREFERENCES + "/report-published", token, "{\"choice\":3}").status())
                .isEqualTo(400);
        assertThat(api.put(PREFERENCES, token, "{\"choices\":{}}").status()).isEqualTo(400);
        Api.Answer unknownKind = api.put(PREFERENCES, token, "{\"choices\":{\"gossip\":\"off\"}}");
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.at("/type")).endsWith("/unknown-notification-kind");
        assertThat(api.put(PREFERENCES + "/gossip", token, "{\"choice\":\"off\"}").status())
                .isEqualTo(404);
        assertThat(api.get(PREFERENCES, null).status()).isEqualTo(401);
    }

    @Test
    void theOneClickUnsubscribeStillTurnsTheKindOff() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person amina = platform.person(atlas, "fr", "member");
        String token = Platform.token(amina);
        assertThat(
                        api.put(PREFERENCES + "/call-deadline", token, "{\"choice\":\"weekly\"}")
                                .status())
                .isEqualTo(200);

        Api.Answer unsubscribed =
                api.post(
                        "/api/notifications/unsubscribe?token="
                                + URLEncoder.encode(
                                        tokens.issue(amina.id(), Kind.CALL_DEADLINE),
                                        StandardCharsets.UTF_8),
                        null,
                        null);
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(choiceOf(api.get(PREFERENCES, token), "call-deadline")).isEqualTo("off");
        // and a choice made afterwards wins over it
        assertThat(
                        api.put(
                                        PREFERENCES + "/call-deadline",
                                        token,
                                        "{\"choice\":\"immediately\"}")
                                .status())
                .isEqualTo(200);
        assertThat(choiceOf(api.get(PREFERENCES, token), "call-deadline")).isEqualTo("immediately");
    }

    @Test
    void aKindTurnedOffSendsNoMailButTheInboxStillGetsIt() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String call = watchedCall(atlas);
        Person amina = platform.person(atlas, "fr", "member");
        String token = Platform.token(amina);
        assertThat(api.put(PREFERENCES + "/call-deadline", token, "{\"choice\":\"off\"}").status())
                .isEqualTo(200);

        String event =
                platform.publish(
                        "fundingwatch.calls",
                        call,
                        "cluster.fundingwatch.deadline.approaching.v1",
                        deadlineJson(call, "Robots oléicoles", 7));
        awaitInbox(token, n -> n >= 1);
        assertThat(gathered.gathered(event, amina.id())).isEmpty();
        assertThat(deliveries.state(Notifier.key(event, amina.id(), Channel.EMAIL))).isEmpty();
        digests.run(Instant.now().plus(Duration.ofDays(8)));
        assertThat(deliveries.state(Notifier.key(event, amina.id(), Channel.EMAIL))).isEmpty();
        assertThat(gathered.batchesOf(amina.id())).isEmpty();
        assertThat(mail.messagesTo(amina.email())).isEmpty();
    }

    @Test
    void aDailyPersonGetsNothingAtOnceThenOneDigestWithEveryGatheredNoticeInTheirLanguage()
            throws Exception {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String robots = watchedCall(atlas);
        String drones = watchedCall(atlas);
        Person amina = platform.person(atlas, "fr", "member");
        Person bruno = platform.person(atlas, "en", "member");
        String aminas = Platform.token(amina);
        assertThat(
                        api.put(PREFERENCES, aminas, "{\"choices\":{\"call-deadline\":\"daily\"}}")
                                .status())
                .isEqualTo(200);
        assertThat(
                        api.put(
                                        PREFERENCES,
                                        Platform.token(bruno),
                                        "{\"choices\":{\"call-deadline\":\"weekly\"}}")
                                .status())
                .isEqualTo(200);

        String first =
                platform.publish(
                        "fundingwatch.calls",
                        robots,
                        "cluster.fundingwatch.deadline.approaching.v1",
                        deadlineJson(robots, "Robots oléicoles", 7));
        platform.publish(
                "fundingwatch.calls",
                drones,
                "cluster.fundingwatch.deadline.approaching.v1",
                deadlineJson(drones, "Drones agricoles", 3));
        // an essential kind is sent at once whatever she chose for the others
        String invoice = java.util.UUID.randomUUID().toString();
        platform.publish(
                "finance.fees",
                invoice,
                "cluster.finance.fee.overdue.v1",
                ("{\"invoiceId\":\"%s\","
                     + "\"memberId\":\"%s\",\"feeYear\":2031,\"amountDue\":\"450.00\",\"currency\":\"EUR\","
                     + "\"dueDate\":\"2031-01-31\",\"daysOverdue\":12}")
                        .formatted(invoice, atlas));
        assertThat(mail.awaitMessageTo(amina.email(), WAIT).subject())
                .isEqualTo("Cotisation 2031 : paiement en retard");
        awaitInbox(aminas, n -> n == 3);
        // a redelivered event gathers nothing more
        platform.publish(
                "fundingwatch.calls",
                robots,
                first,
                "cluster.fundingwatch.deadline.approaching.v1",
                deadlineJson(robots, "Robots oléicoles", 7));
        String sentinel =
                platform.publish(
                        "fundingwatch.calls",
                        robots,
                        "cluster.fundingwatch.deadline.approaching.v1",
                        deadlineJson(robots, "Robots oléicoles", 1));
        await().atMost(WAIT).until(() -> gathered.gathered(sentinel, amina.id()).isPresent());
        assertThat(gathered.gathered(first, amina.id()))
                .hasValueSatisfying(
                        n -> {
                            assertThat(n.period()).isEqualTo(Period.DAILY);
                            assertThat(n.subject())
                                    .isEqualTo("Clôture dans 7 jours : Robots oléicoles");
                        });
        assertThat(gathered.gathered(first, bruno.id()))
                .hasValueSatisfying(n -> assertThat(n.period()).isEqualTo(Period.WEEKLY));
        // nothing but the invoice went out at once
        Thread.sleep(2000);
        assertThat(mail.messagesTo(amina.email())).hasSize(1);
        assertThat(mail.messagesTo(bruno.email())).hasSize(1);

        // the daily run, by several instances at once, makes her digest once; bruno's weekly one
        // waits
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        runConcurrently(() -> digests.run(tomorrow), 4);
        MailBox.Message digest =
                await().atMost(WAIT)
                        .until(
                                () ->
                                        mail.messagesTo(amina.email()).stream()
                                                .filter(
                                                        m ->
                                                                m.subject()
                                                                        .startsWith(
                                                                                "Votre résumé du"
                                                                                        + " jour"))
                                                .findFirst(),
                                java.util.Optional::isPresent)
                        .orElseThrow();
        assertThat(digest.subject()).isEqualTo("Votre résumé du jour : 3 notifications");
        assertThat(digest.text())
                .startsWith("Bonjour " + amina.displayName() + ",")
                .contains("Clôture dans 7 jours : Robots oléicoles")
                .contains("Clôture dans 3 jours : Drones agricoles")
                .contains("Clôture dans 1 jours : Robots oléicoles")
                .contains("http://127.0.0.1:8080/calls/" + robots)
                .contains("http://127.0.0.1:8080/calls/" + drones)
                .contains("http://127.0.0.1:8080/inbox/preferences");
        assertThat(digest.headers()).containsEntry("X-Cluster-Notification", "digest");
        assertThat(digest.html()).contains("href=\"http://127.0.0.1:8080/calls/" + drones + "\"");
        assertThat(gathered.batchesOf(amina.id()))
                .singleElement()
                .satisfies(
                        batch -> {
                            assertThat(batch.state()).isEqualTo(DigestNotices.DONE);
                            assertThat(batch.name()).startsWith("daily:");
                        });
        // another run, later the same day, or after a restart: nothing more
        digests.run(tomorrow.plusSeconds(3600));
        Thread.sleep(2000);
        assertThat(mail.messagesTo(amina.email())).hasSize(2);
        assertThat(mail.messagesTo(bruno.email())).hasSize(1);

        // the weekly run makes bruno's, in English
        digests.run(Instant.now().plus(Duration.ofDays(8)));
        MailBox.Message weekly =
                await().atMost(WAIT)
                        .until(
                                () ->
                                        mail.messagesTo(bruno.email()).stream()
                                                .filter(
                                                        m ->
                                                                m.subject()
                                                                        .startsWith(
                                                                                "Your weekly"
                                                                                    + " summary"))
                                                .findFirst(),
                                java.util.Optional::isPresent)
                        .orElseThrow();
        assertThat(weekly.subject()).isEqualTo("Your weekly summary: 3 notifications");
        assertThat(weekly.text()).contains("Cut-off in 3 days: Drones agricoles");
        assertThat(mail.messagesTo(amina.email())).hasSize(2);
    }

    @Test
    void aBurstOfOneKindIsOneMailAndANoticeAloneIsItsOwnMail() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String call = watchedCall(atlas);
        Person amina = platform.person(atlas, "fr", "member");
        Person bruno = platform.person(atlas, "en", "member");
        for (int days = 20; days > 0; days--) {
            platform.publish(
                    "fundingwatch.calls",
                    call,
                    "cluster.fundingwatch.deadline.approaching.v1",
                    deadlineJson(call, "Robots oléicoles", days));
        }
        MailBox.Message toAmina = mail.awaitMessageTo(amina.email(), WAIT);
        assertThat(toAmina.subject()).isEqualTo("20 clôtures d’appels à financement approchent");
        assertThat(toAmina.text())
                .contains("Clôture dans 20 jours : Robots oléicoles")
                .contains("Clôture dans 1 jours : Robots oléicoles");
        assertThat(toAmina.headers()).containsKey("List-Unsubscribe");
        assertThat(mail.awaitMessageTo(bruno.email(), WAIT).subject())
                .isEqualTo("20 funding call cut-offs approaching");
        awaitInbox(Platform.token(amina), n -> n == 20);

        // later, a notice alone: its own mail, under its own delivery id, once its window has ended
        String alone =
                platform.publish(
                        "fundingwatch.calls",
                        call,
                        "cluster.fundingwatch.deadline.approaching.v1",
                        deadlineJson(call, "Robots oléicoles", 0));
        await().atMost(WAIT).until(() -> mail.messagesTo(bruno.email()).size() == 2);
        MailBox.Message single = mail.messagesTo(bruno.email()).getLast();
        assertThat(single.subject()).isEqualTo("Cut-off in 0 days: Robots oléicoles");
        assertThat(single.headers().get("Message-ID"))
                .isEqualTo(
                        "<"
                                + Notifier.key(alone, bruno.id(), Channel.EMAIL)
                                + "@notifications.cluster.coop>");
        assertThat(mail.messagesTo(amina.email())).hasSize(2);
    }

    @Test
    void aFeedBatchOf200MatchingCallsIsOneMailPerPersonAndRedeliveriesAddNothing()
            throws Exception {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String brabant = platform.organisation("Brabant Photonics SA");
        Person amina = platform.person(atlas, "fr", "member");
        Person bruno = platform.person(atlas, "en", "member", "admin");
        Person carla = platform.person(brabant, "fr", "member");
        List<String> calls = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String call = UUID.randomUUID().toString();
            calls.add(call);
            events.add(
                    platform.publish(
                            "fundingwatch.opportunities",
                            UUID.randomUUID().toString(),
                            "cluster.fundingwatch.opportunity.matched.v1",
                            matchedJson(
                                    call,
                                    "Call " + i,
                                    "member",
                                    atlas,
                                    "Atlas Agritech SARL",
                                    atlas)));
        }
        // the same call matched again through a watch of the organisation: the same notice, nothing
        // more
        platform.publish(
                "fundingwatch.opportunities",
                UUID.randomUUID().toString(),
                "cluster.fundingwatch.opportunity.matched.v1",
                matchedJson(calls.getFirst(), "Call 0", "watch", "w1", "Robotics", atlas));
        // a redelivered event: nothing more
        platform.publish(
                "fundingwatch.opportunities",
                UUID.randomUUID().toString(),
                events.get(7),
                "cluster.fundingwatch.opportunity.matched.v1",
                matchedJson(calls.get(7), "Call 7", "member", atlas, "Atlas Agritech SARL", atlas));

        MailBox.Message toAmina = mail.awaitMessageTo(amina.email(), WAIT);
        assertThat(toAmina.subject())
                .isEqualTo("200 nouveaux appels à financement pour votre organisation");
        assertThat(toAmina.text())
                .startsWith("Bonjour " + amina.displayName() + ",")
                .contains("Nouvel appel à financement pour votre organisation : Call ")
                .contains("correspond au profil de Atlas Agritech SARL")
                .containsPattern("http://127.0.0.1:8080/calls/[0-9a-f-]{36}")
                .contains(
                        "… et 150 de plus dans votre boîte de réception :"
                                + " http://127.0.0.1:8080/inbox");
        assertThat(toAmina.headers())
                .containsEntry("X-Cluster-Notification", "call-matched")
                .containsKey("List-Unsubscribe");
        MailBox.Message toBruno = mail.awaitMessageTo(bruno.email(), WAIT);
        assertThat(toBruno.subject()).isEqualTo("200 new funding calls for your organisation");
        assertThat(toBruno.text())
                .contains("New funding call for your organisation: Call ")
                .contains("... and 150 more in your inbox");

        awaitInbox(Platform.token(amina), n -> n == 200);
        // a window more: still one mail each, and nothing for another organisation's people
        Thread.sleep(22_000);
        digests.run(Instant.now());
        assertThat(mail.messagesTo(amina.email())).hasSize(1);
        assertThat(mail.messagesTo(bruno.email())).hasSize(1);
        assertThat(api.get("/api/notifications", Platform.token(amina)).at("/totalElements"))
                .isEqualTo("200");
        assertThat(api.get("/api/notifications", Platform.token(carla)).at("/totalElements"))
                .isEqualTo("0");
        assertThat(mail.messagesTo(carla.email())).isEmpty();
    }

    static String matchedJson(
            String call,
            String title,
            String targetKind,
            String targetId,
            String targetName,
            String... memberIds) {
        return ("{\"opportunityId\":\"%s\",\"callId\":\"%s\",\"call\":{\"title\":\"%s\",\"programme\":\"Horizon"
                    + " Europe\",\"status\":\"OPEN\",\"deadlines\":[\"2031-03-01T17:00:00Z\"]},\"target\":"
                    + "{\"kind\":\"%s\",\"id\":\"%s\",\"name\":\"%s\"},\"memberIds\":[%s],\"score\":80,"
                    + "\"reasons\":[],\"matchedAt\":\"2031-01-01T10:00:00Z\"}")
                .formatted(
                        UUID.randomUUID(),
                        call,
                        title,
                        targetKind,
                        targetId,
                        targetName,
                        String.join(
                                ",",
                                java.util.Arrays.stream(memberIds)
                                        .map(m -> "\"" + m + "\"")
                                        .toList()));
    }

    @Test
    void aHardBouncedAddressGetsNoMailTheInboxStillDoesAndANewAddressIsReachableAgain() {
        String brabant = platform.organisation("Brabant Photonics SA");
        Person bruno = platform.person(brabant, "en", "member");
        Person brigitte = platform.person(brabant, "fr", "member");
        String relay =
                TestIssuer.shared()
                        .token("mail-relay")
                        .claim("scope", "notifications.bounces")
                        .sign();

        Api.Answer bounced =
                api.post(
                        "/api/notifications/bounces",
                        relay,
                        ("{\"email\":\" %s \",\"kind\":\"hard\","
                                        + "\"reason\":\"550 5.1.1 user unknown\"}")
                                .formatted(bruno.email().toUpperCase(java.util.Locale.ROOT)));
        assertThat(bounced.status()).as(bounced.body()).isEqualTo(200);
        assertThat(bounced.at("/email")).isEqualTo(bruno.email());
        assertThat(bounced.at("/bounced")).isEqualTo("true");
        assertThat(
                        api.post(
                                        "/api/notifications/bounces",
                                        relay,
                                        "{\"email\":\"x@example.org\",\"kind\":\"maybe\"}")
                                .status())
                .isEqualTo(400);
        assertThat(api.post("/api/notifications/bounces", relay, "{\"kind\":\"hard\"}").status())
                .isEqualTo(400);
        assertThat(
                        api.post(
                                        "/api/notifications/bounces",
                                        Platform.token(bruno),
                                        "{\"email\":\"x@example.org\",\"kind\":\"hard\"}")
                                .status())
                .isEqualTo(403);
        String admin =
                TestIssuer.shared().token("it-platform-admin").roles("platform-admin").sign();
        Api.Answer soft =
                api.post(
                        "/api/notifications/bounces",
                        admin,
                        "{\"email\":\"%s\",\"kind\":\"soft\",\"reason\":\"mailbox full\"}"
                                .formatted(brigitte.email()));
        assertThat(soft.status()).isEqualTo(200);
        assertThat(soft.at("/bounced")).isEqualTo("false");
        assertThat(soft.at("/softBounces")).isEqualTo("1");
        double suppressedBefore = suppressed("project-invitation");

        String invitation = UUID.randomUUID().toString();
        String event =
                platform.publish(
                        "project.invitations",
                        invitation,
                        "cluster.project.invitation.sent.v1",
                        invitationJson(invitation, brabant, "Olive robots"));
        // brigitte's soft bounce changes nothing: her mail goes out, and once it has, the event was
        // handled
        assertThat(mail.awaitMessageTo(brigitte.email(), WAIT).subject())
                .isEqualTo("Invitation au projet Olive robots");
        awaitInbox(Platform.token(bruno), n -> n == 1);
        assertThat(deliveries.state(Notifier.key(event, bruno.id(), Channel.EMAIL))).isEmpty();
        assertThat(mail.messagesTo(bruno.email())).isEmpty();
        assertThat(suppressed("project-invitation")).isEqualTo(suppressedBefore + 1);

        // identity tells of his new address: reachable again there
        String newAddress = "new-" + bruno.email();
        platform.publish(
                "identity.people",
                bruno.id(),
                "cluster.identity.person.joined-organisation.v1",
                ("{\"personId\":\"%s\",\"memberId\":\"%s\",\"roles\":[\"member\"],\"email\":\"%s\","
                                + "\"displayName\":\"%s\",\"language\":\"en\"}")
                        .formatted(bruno.id(), brabant, newAddress, bruno.displayName()));
        await().atMost(WAIT)
                .until(
                        () ->
                                audience.person(bruno.id())
                                        .filter(p -> newAddress.equals(p.email()))
                                        .isPresent());
        String second = UUID.randomUUID().toString();
        platform.publish(
                "project.invitations",
                second,
                "cluster.project.invitation.sent.v1",
                invitationJson(second, brabant, "Solar dryers"));
        assertThat(mail.awaitMessageTo(newAddress, WAIT).subject())
                .isEqualTo("Invitation to join the project Solar dryers");
        assertThat(mail.messagesTo(bruno.email())).isEmpty();
    }

    private double suppressed(String kind) {
        io.micrometer.core.instrument.Counter counter =
                meters.find("cluster.notifications.suppressed")
                        .tag("kind", kind)
                        .tag("reason", "bounced")
                        .counter();
        return counter == null ? 0 : counter.count();
    }

    static String invitationJson(String invitation, String memberId, String title) {
        return ("{\"invitationId\":\"%s\",\"projectId\":\"%s\",\"projectTitle\":\"%s\",\"memberId\":\"%s\","
                    + "\"role\":\"optics\",\"expiresAt\":\"2031-12-21T09:30:00Z\"}")
                .formatted(invitation, UUID.randomUUID(), title, memberId);
    }

    /**
     * A call that a saved watch of the organisation matched: its cut-offs concern the
     * organisation's people.
     */
    String watchedCall(String memberId) {
        String call = java.util.UUID.randomUUID().toString();
        String opportunity = java.util.UUID.randomUUID().toString();
        platform.publish(
                "fundingwatch.opportunities",
                opportunity,
                "cluster.fundingwatch.opportunity.matched.v1",
                ("{\"opportunityId\":\"%s\",\"callId\":\"%s\",\"target\":{\"kind\":\"watch\",\"id\":\"w1\"},"
                     + "\"memberIds\":[\"%s\"]}")
                        .formatted(opportunity, call, memberId));
        await().atMost(WAIT).until(() -> audience.watchersOf(call).contains(memberId));
        return call;
    }

    static String deadlineJson(String call, String title, int daysLeft) {
        return ("{\"callId\":\"%s\",\"title\":\"%s\",\"programme\":\"Horizon Europe\",\"url\":null,"
                        + "\"deadline\":\"2031-03-01T17:00:00Z\",\"daysLeft\":%d}")
                .formatted(call, title, daysLeft);
    }

    void awaitInbox(String token, java.util.function.LongPredicate count) {
        await().atMost(WAIT)
                .until(
                        () ->
                                count.test(
                                        Long.parseLong(
                                                api.get("/api/notifications", token)
                                                        .at("/totalElements"))));
    }

    static void runConcurrently(Runnable task, int threads) throws Exception {
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                runs.add(pool.submit(task));
            }
            for (java.util.concurrent.Future<?> run : runs) {
                run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String choiceOf(Api.Answer answer, String kind) {
        for (JsonNode node : answer.json().get("kinds")) {
            if (kind.equals(node.get("kind").asString())) {
                return node.get("choice").asString();
            }
        }
        throw new AssertionError(kind + " not in " + answer.body());
    }

    private static boolean essential(Api.Answer answer, String kind) {
        for (JsonNode node : answer.json().get("kinds")) {
            if (kind.equals(node.get("kind").asString())) {
                return node.get("essential").asBoolean();
            }
        }
        throw new AssertionError(kind + " not in " + answer.body());
    }

    Api.Answer sendFrench(String method, String path, String token, String body) {
        return new Api(port).sendWith(method, path, token, body, Map.of("Accept-Language", "fr"));
    }
}
