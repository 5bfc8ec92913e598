package coop.cluster.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.infra.testing.MailBox;
import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.email.Deliveries;
import coop.cluster.notification.email.Delivery;
import coop.cluster.notification.email.DeliveryWorker;
import coop.cluster.notification.notify.Channel;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Notifier;
import coop.cluster.notification.notify.Rendered;
import coop.cluster.notification.testing.Platform;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On the real broker, store and SMTP server: events become mails for the people they concern only,
 * in their language; a redelivered event sends nothing more; a non-essential kind can be turned off
 * from its one-click link.
 */
@EmbeddedInfraTest(mail = true)
@SpringBootTest(
        classes = NotificationApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.notifications.email.first-backoff=PT0.2S",
            "cluster.notifications.email.sweep-interval=PT1S",
            "cluster.notifications.email.lease=PT3S",
            "cluster.notifications.digest.burst-window=PT1S",
            "cluster.notifications.digest.check-interval=PT1S"
        })
class NotificationsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("notification_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired Audience audience;

    @Autowired Deliveries deliveries;

    @Autowired DeliveryWorker worker;

    private final MailBox mail = EmbeddedInfra.shared().mailBox();
    private Platform platform;
    private Api api;

    @BeforeEach
    void setUp() {
        platform = new Platform(audience);
        api = new Api(port);
    }

    @Test
    void anInvitationReachesTheInvitedOrganisationsPeopleInTheirLanguageAndNobodyElse() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String brabant = platform.organisation("Brabant Photonics SA");
        Person amina = platform.person(atlas, "fr", "member");
        Person bruno = platform.person(brabant, "en", "member");
        Person brigitte = platform.person(brabant, "fr", "member", "admin");

        String invitation = UUID.randomUUID().toString();
        String event =
                platform.publish(
                        "project.invitations",
                        invitation,
                        "cluster.project.invitation.sent.v1",
                        invitationJson(invitation, brabant, "Olive robots"));

        MailBox.Message toBruno = mail.awaitMessageTo(bruno.email(), WAIT);
        assertThat(toBruno.subject()).isEqualTo("Invitation to join the project Olive robots");
        assertThat(toBruno.text())
                .startsWith("Hello " + bruno.displayName() + ",")
                .contains(
                        "Brabant Photonics SA is invited to take part in the project Olive robots"
                                + " as optics")
                .contains("http://127.0.0.1:8080/home#invitations");
        assertThat(toBruno.html()).contains("href=\"http://127.0.0.1:8080/home#invitations\"");
        assertThat(toBruno.headers())
                .containsKey("Message-ID")
                .doesNotContainKey("List-Unsubscribe");
        MailBox.Message toBrigitte = mail.awaitMessageTo(brigitte.email(), WAIT);
        assertThat(toBrigitte.subject()).isEqualTo("Invitation au projet Olive robots");
        assertThat(toBrigitte.text()).startsWith("Bonjour " + brigitte.displayName() + ",");

        assertThat(deliveries.state(Notifier.key(event, amina.id(), Channel.EMAIL))).isEmpty();
        assertThat(mail.messagesTo(amina.email())).isEmpty();
        assertThat(api.get("/api/notifications/unread-count", Platform.token(amina)).at("/unread"))
                .isEqualTo("0");
    }

    @Test
    void aRedeliveredEventSendsNothingMore() {
        String brabant = platform.organisation("Brabant Photonics SA");
        Person bruno = platform.person(brabant, "en", "member");
        String invitation = UUID.randomUUID().toString();
        String json = invitationJson(invitation, brabant, "Olive robots");
        String event =
                platform.publish(
                        "project.invitations",
                        invitation,
                        "cluster.project.invitation.sent.v1",
                        json);
        MailBox.Message first = mail.awaitMessageTo(bruno.email(), WAIT);
        await().atMost(WAIT)
                .until(
                        () ->
                                deliveries
                                        .state(Notifier.key(event, bruno.id(), Channel.EMAIL))
                                        .filter(Deliveries.SENT::equals)
                                        .isPresent());

        platform.publish(
                "project.invitations",
                invitation,
                event,
                "cluster.project.invitation.sent.v1",
                json);
        // a later event on the same partition: once its mail is out, the redelivery before it was
        // handled
        platform.publish(
                "project.invitations",
                invitation,
                "cluster.project.invitation.sent.v1",
                invitationJson(invitation, brabant, "Sentinel"));
        await().atMost(WAIT)
                .until(
                        () ->
                                mail.messagesTo(bruno.email()).stream()
                                        .anyMatch(m -> m.subject().contains("Sentinel")));

        assertThat(mail.messagesTo(bruno.email()))
                .extracting(MailBox.Message::subject)
                .containsExactly(first.subject(), "Invitation to join the project Sentinel");
        assertThat(api.get("/api/notifications", Platform.token(bruno)).at("/totalElements"))
                .isEqualTo("2");
    }

    @Test
    void anAgreementToSignGoesToThePartnersPeople() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String brabant = platform.organisation("Brabant Photonics SA");
        String delta = platform.organisation("Delta Mecatronique SAS");
        Person amina = platform.person(atlas, "fr", "member");
        Person bruno = platform.person(brabant, "en", "member");
        Person delphine = platform.person(delta, "fr", "member");
        String project = UUID.randomUUID().toString();
        platform.publish(
                "project.projects",
                project,
                "cluster.project.project.created.v1",
                ("{\"projectId\":\"%s\",\"leaderId\":\"%s\",\"project\":{\"title\":\"Olive"
                                + " robots\",\"partners\":[\"%s\"]}}")
                        .formatted(project, atlas, atlas));
        platform.publish(
                "project.projects",
                project,
                "cluster.project.partner.joined.v1",
                "{\"projectId\":\"%s\",\"memberId\":\"%s\"}".formatted(project, brabant));
        String event =
                platform.publish(
                        "project.projects",
                        project,
                        "cluster.project.agreement.proposed.v1",
                        ("{\"projectId\":\"%s\",\"agreement\":{\"version\":2,\"currency\":\"EUR\",\"contributions\":"
                             + "[{\"memberId\":\"%s\"},{\"memberId\":\"%s\"}]}}")
                                .formatted(project, atlas, brabant));

        assertThat(mail.awaitMessageTo(amina.email(), WAIT).subject())
                .isEqualTo("Accord à signer : Olive robots");
        MailBox.Message toBruno = mail.awaitMessageTo(bruno.email(), WAIT);
        assertThat(toBruno.subject()).isEqualTo("Agreement to sign: Olive robots");
        assertThat(toBruno.text()).contains("http://127.0.0.1:8080/projects/" + project + "/sign");
        assertThat(deliveries.state(Notifier.key(event, delphine.id(), Channel.EMAIL))).isEmpty();
        assertThat(mail.messagesTo(delphine.email())).isEmpty();
    }

    @Test
    void aVoteAndItsResultReachTheDelegatesOnly() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String brabant = platform.organisation("Brabant Photonics SA");
        Person camille = platform.person(atlas, "fr", "member", "delegate");
        Person amina = platform.person(atlas, "fr", "member");
        Person dario = platform.person(brabant, "en", "member");
        // dario holds brabant's seat by appointment (membership's event), not yet by an identity
        // role
        platform.publish(
                "membership.members",
                brabant,
                "cluster.membership.member.delegate-appointed.v1",
                "{\"memberId\":\"%s\",\"subject\":\"%s\",\"name\":\"Dario\"}"
                        .formatted(brabant, dario.id()));
        await().atMost(WAIT)
                .until(
                        () ->
                                audience.delegates().stream()
                                        .anyMatch(p -> p.id().equals(dario.id())));

        String proposal = UUID.randomUUID().toString();
        String tabled =
                platform.publish(
                        "membership.council",
                        proposal,
                        "cluster.membership.proposal.tabled.v1",
                        ("{\"proposalId\":\"%s\",\"kind\":\"FEE_SCHEDULE\",\"title\":\"Fees 2031\","
                                        + "\"deadline\":\"2031-01-15T17:00:00Z\"}")
                                .formatted(proposal));
        MailBox.Message opened = mail.awaitMessageTo(camille.email(), WAIT);
        assertThat(opened.subject()).isEqualTo("Vote du conseil ouvert : Fees 2031");
        assertThat(opened.text())
                .contains("15 janvier 2031 à 17:00 UTC")
                .contains("http://127.0.0.1:8080/council/proposals/" + proposal);
        assertThat(mail.awaitMessageTo(dario.email(), WAIT).subject())
                .isEqualTo("Council vote open: Fees 2031");

        platform.publish(
                "membership.council",
                proposal,
                "cluster.membership.resolution.adopted.v1",
                ("{\"resolutionId\":\"%s\",\"kind\":\"FEE_SCHEDULE\",\"title\":\"Fees 2031\","
                     + "\"tally\":{\"forVotes\":2,\"against\":0,\"abstain\":0,\"electorate\":2}}")
                        .formatted(proposal));
        await().atMost(WAIT).until(() -> mail.messagesTo(dario.email()).size() == 2);
        assertThat(mail.messagesTo(dario.email()).getLast().subject())
                .isEqualTo("Council vote closed: Fees 2031 (adopted)");
        assertThat(deliveries.state(Notifier.key(tabled, amina.id(), Channel.EMAIL))).isEmpty();
        assertThat(mail.messagesTo(amina.email())).isEmpty();
    }

    @Test
    void anAdmissionReachesItsApplicantBeforeTheyBelongToTheOrganisation() {
        String existing = platform.organisation("Casablanca Data Lab");
        Person nadia = platform.person(existing, "en", "member");
        // nadia applies for a new organisation; identity makes her its admin only after the
        // admission
        String member = UUID.randomUUID().toString();
        platform.publish(
                "membership.members",
                member,
                "cluster.membership.member.applied.v1",
                ("{\"memberId\":\"%s\",\"legalName\":\"Nadia Robotics\",\"profile\":{\"legalName\":"
                                + "\"Nadia Robotics\"},\"appliedBy\":\"%s\"}")
                        .formatted(member, nadia.id()));
        platform.publish(
                "membership.members",
                member,
                "cluster.membership.member.admitted.v1",
                "{\"memberId\":\"%s\",\"profile\":{\"legalName\":\"Nadia Robotics\"}}"
                        .formatted(member));
        MailBox.Message welcome = mail.awaitMessageTo(nadia.email(), WAIT);
        assertThat(welcome.subject()).isEqualTo("Welcome to the cluster, Nadia Robotics");
        assertThat(welcome.text()).contains("http://127.0.0.1:8080/home");
    }

    @Test
    void aNonEssentialKindCanBeTurnedOffFromItsOneClickLink() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person amina = platform.person(atlas, "fr", "member");
        platform.publish(
                "finance.reports",
                "2031-Q1",
                "cluster.finance.report.published.v1",
                "{\"periodId\":\"2031-Q1\",\"from\":\"2031-01-01\",\"to\":\"2031-03-31\",\"revision\":1}");
        MailBox.Message report = mail.awaitMessageTo(amina.email(), WAIT);
        assertThat(report.subject()).isEqualTo("Rapport financier 2031-Q1 publié");
        assertThat(report.headers())
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String link = report.headers().get("List-Unsubscribe").replaceAll("^<|>$", "");
        assertThat(link).startsWith("http://127.0.0.1:8080/api/notifications/unsubscribe?token=");
        String path = link.substring("http://127.0.0.1:8080".length());

        assertThat(oneClick(path.replace("token=", "token=x")).status()).isEqualTo(400);
        Api.Answer off = oneClick(path);
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.at("/kind")).isEqualTo("report-published");
        assertThat(off.at("/channel")).isEqualTo("email");

        String second =
                platform.publish(
                        "finance.reports",
                        "2031-Q2",
                        "cluster.finance.report.published.v1",
                        "{\"periodId\":\"2031-Q2\",\"from\":\"2031-04-01\",\"to\":\"2031-06-30\",\"revision\":1}");
        // the inbox still tells it, in the same handling that would have made the mail
        await().atMost(WAIT)
                .until(
                        () ->
                                "2"
                                        .equals(
                                                api.get("/api/notifications", Platform.token(amina))
                                                        .at("/totalElements")));
        assertThat(deliveries.state(Notifier.key(second, amina.id(), Channel.EMAIL))).isEmpty();
        assertThat(mail.messagesTo(amina.email())).hasSize(1);
    }

    @Test
    void theInboxListsCountsAndMarksOnlyTheCallersOwn() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String brabant = platform.organisation("Brabant Photonics SA");
        Person amina = platform.person(atlas, "fr", "member");
        Person bruno = platform.person(brabant, "en", "member");
        for (String title : new String[] {"First", "Second", "Third"}) {
            String invitation = UUID.randomUUID().toString();
            platform.publish(
                    "project.invitations",
                    invitation,
                    "cluster.project.invitation.sent.v1",
                    invitationJson(invitation, atlas, title));
        }
        String toBrabant = UUID.randomUUID().toString();
        platform.publish(
                "project.invitations",
                toBrabant,
                "cluster.project.invitation.sent.v1",
                invitationJson(toBrabant, brabant, "Bruno's"));
        String aminas = Platform.token(amina);
        String brunos = Platform.token(bruno);
        await().atMost(WAIT)
                .until(
                        () ->
                                "3"
                                                .equals(
                                                        api.get(
                                                                        "/api/notifications/unread-count",
                                                                        aminas)
                                                                .at("/unread"))
                                        && "1"
                                                .equals(
                                                        api.get(
                                                                        "/api/notifications/unread-count",
                                                                        brunos)
                                                                .at("/unread")));

        Api.Answer list = api.get("/api/notifications?size=2", aminas);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.at("/totalElements")).isEqualTo("3");
        assertThat(list.at("/totalPages")).isEqualTo("2");
        assertThat(list.json().get("content")).hasSize(2);
        assertThat(list.at("/content/0/kind")).isEqualTo("project-invitation");
        assertThat(list.at("/content/0/title")).startsWith("Invitation au projet");
        assertThat(list.at("/content/0/link")).isEqualTo("http://127.0.0.1:8080/home#invitations");
        assertThat(list.json().get("content"))
                .noneMatch(
                        entry ->
                                entry.get("title").asString().contains("Bruno's")
                                        || entry.get("text").asString().contains("Bruno's"));
        String aminasFirst = list.at("/content/0/id");
        String brunosOnly = api.get("/api/notifications", brunos).at("/content/0/id");

        Api.Answer notHers = api.post("/api/notifications/" + brunosOnly + "/read", aminas, null);
        assertThat(notHers.status()).isEqualTo(404);
        assertThat(notHers.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.get("/api/notifications/unread-count", brunos).at("/unread")).isEqualTo("1");

        Api.Answer read = api.post("/api/notifications/" + aminasFirst + "/read", aminas, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.at("/read")).isEqualTo("true");
        assertThat(api.get("/api/notifications/unread-count", aminas).at("/unread")).isEqualTo("2");
        assertThat(api.get("/api/notifications?unread=true", aminas).at("/totalElements"))
                .isEqualTo("2");
        assertThat(api.get("/api/notifications?unread=false", aminas).at("/content/0/id"))
                .isEqualTo(aminasFirst);

        assertThat(api.post("/api/notifications/read-all", aminas, null).at("/marked"))
                .isEqualTo("2");
        assertThat(api.get("/api/notifications/unread-count", aminas).at("/unread")).isEqualTo("0");
        assertThat(api.get("/api/notifications/unread-count", brunos).at("/unread")).isEqualTo("1");

        assertThat(api.get("/api/notifications", null).status()).isEqualTo(401);
        assertThat(api.get("/api/notifications?size=0", aminas).status()).isEqualTo(400);
        assertThat(api.get("/api/notifications?size=many", aminas).status()).isEqualTo(400);
        assertThat(api.post("/api/notifications/not-an-id/read", aminas, null).status())
                .isEqualTo(400);
    }

    @Test
    void aClaimLeftByACrashedInstanceIsTakenOverOnceItsLeaseRunsOut() {
        String id = UUID.randomUUID().toString();
        String to = "crash-" + id.substring(0, 8) + "@example.org";
        Rendered text = new Rendered("Left behind", "summary", "text", "<p>html</p>");
        // another instance claims it and dies before sending; this instance's worker is held
        // meanwhile, so that the
        // claim is surely the other's
        worker.stop();
        Optional<Delivery> claimed;
        try {
            assertThat(
                            deliveries.add(
                                    id,
                                    "event-" + id,
                                    "ghost-person",
                                    to,
                                    Kind.INVOICE_OVERDUE,
                                    text,
                                    null))
                    .isTrue();
            assertThat(
                            deliveries.add(
                                    id,
                                    "event-" + id,
                                    "ghost-person",
                                    to,
                                    Kind.INVOICE_OVERDUE,
                                    text,
                                    null))
                    .as("inserted once")
                    .isFalse();
            do {
                claimed = deliveries.claim("crashed-instance");
                claimed.filter(d -> !d.id().equals(id))
                        .ifPresent(d -> deliveries.markSent(d, "crashed-instance"));
            } while (claimed.isPresent() && !claimed.get().id().equals(id));
        } finally {
            worker.start();
        }
        assertThat(claimed).isPresent();
        assertThat(deliveries.state(id)).contains(Deliveries.PENDING);

        MailBox.Message sent = mail.awaitMessageTo(to, WAIT);
        assertThat(sent.subject()).isEqualTo("Left behind");
        assertThat(sent.headers().get("Message-ID"))
                .isEqualTo("<" + id + "@notifications.cluster.coop>");
        await().atMost(WAIT)
                .until(() -> deliveries.state(id).filter(Deliveries.SENT::equals).isPresent());
        assertThat(deliveries.markSent(claimed.get(), "crashed-instance"))
                .as("the lost lease marks nothing")
                .isFalse();
        assertThat(mail.messagesTo(to)).hasSize(1);
    }

    /**
     * What a mail client does with {@code List-Unsubscribe-Post} (RFC 8058): a form POST, no
     * credentials. Sent by hand, as {@link Api} sends JSON bodies only (its {@code Content-Type} is
     * {@code application/json} whenever there is a body); the answer is read as {@link Api}'s.
     */
    private Api.Answer oneClick(String pathAndQuery) {
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + pathAndQuery))
                                            .header(
                                                    "Content-Type",
                                                    "application/x-www-form-urlencoded")
                                            .POST(
                                                    HttpRequest.BodyPublishers.ofString(
                                                            "List-Unsubscribe=One-Click"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return new Api.Answer(response.statusCode(), response.body(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String invitationJson(String invitation, String memberId, String title) {
        return ("{\"invitationId\":\"%s\",\"projectId\":\"%s\",\"projectTitle\":\"%s\",\"memberId\":\"%s\","
                    + "\"role\":\"optics\",\"expiresAt\":\"2031-12-21T09:30:00Z\"}")
                .formatted(invitation, UUID.randomUUID(), title, memberId);
    }
}
