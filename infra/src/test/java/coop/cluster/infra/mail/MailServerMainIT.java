package coop.cluster.infra.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.infra.support.NetworkPorts;
import coop.cluster.infra.testing.ChildJvm;
import coop.cluster.infra.testing.MailBox;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The mail catcher as the platform runs it, in its own JVM: mail sent the way the services send it
 * (Spring's JavaMailSender, multipart text and HTML, French, UTF-8) comes back decoded through the
 * HTTP API and {@link MailBox}.
 */
class MailServerMainIT {

    private static final String INVITATION_SUBJECT = "Invitation à rejoindre le cluster";
    private static final String LINK =
            "http://localhost:9000/invitations/acceptance?token=3f9a-%C3%A9&lang=fr";

    private static ChildJvm server;
    private static int smtpPort;
    private static URI api;
    private static MailBox mailBox;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        smtpPort = NetworkPorts.freePort();
        int apiPort = NetworkPorts.freePort();
        server =
                ChildJvm.builder(MailServerMain.class)
                        .name("mail-server-it")
                        .args(
                                "--port",
                                Integer.toString(smtpPort),
                                "--api-port",
                                Integer.toString(apiPort),
                                "--parent-pid",
                                Long.toString(ProcessHandle.current().pid()))
                        .start();
        server.awaitOutput("kept), messages at", Duration.ofSeconds(60));
        api = URI.create("http://127.0.0.1:" + apiPort);
        mailBox = new MailBox(api);
    }

    @AfterAll
    static void stopsCleanly() {
        if (server != null) {
            assertThat(server.stop()).isEqualTo(143);
            assertThat(server.outputText()).contains("mail server stopped");
        }
    }

    @Test
    void aMultipartFrenchInvitationComesBackDecodedThroughTheApiAndTheMailBox() throws Exception {
        String to = "amina.invitation@example.org";
        JavaMailSenderImpl sender = sender();
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom("Cluster Numérique <no-reply@cluster.example>");
        helper.setTo("Amina Diallo <" + to + ">");
        helper.setCc("manon@example.org");
        helper.setSubject(INVITATION_SUBJECT);
        helper.setText(
                "Bonjour Amina,\n\nManon vous invite à rejoindre l'organisation « Atelier Nord ».\n"
                        + "Acceptez l'invitation : "
                        + LINK
                        + "\n\nÀ bientôt !",
                "<html><body><p>Bonjour Amina,</p><p>Manon vous invite à rejoindre l'organisation «"
                        + " Atelier Nord ».</p><p><a href=\""
                        + LINK.replace("&", "&amp;")
                        + "\">Accepter l'invitation</a></p></body></html>");
        Instant before = Instant.now();
        sender.send(message);

        MailBox.Message received = mailBox.awaitMessageTo(to.toUpperCase(), Duration.ofSeconds(10));

        assertThat(received.subject()).isEqualTo(INVITATION_SUBJECT);
        assertThat(received.from()).isEqualTo("no-reply@cluster.example");
        assertThat(received.to()).containsExactlyInAnyOrder(to, "manon@example.org");
        assertThat(received.receivedAt())
                .isAfterOrEqualTo(before.minusSeconds(1))
                .isBeforeOrEqualTo(Instant.now());
        assertThat(received.text())
                .contains(
                        "Manon vous invite à rejoindre l'organisation « Atelier Nord ».",
                        "Acceptez l'invitation : " + LINK,
                        "À bientôt !")
                .doesNotContain("=C3", "=3D");
        assertThat(received.html())
                .contains("<a href=\"" + LINK.replace("&", "&amp;") + "\">", "à rejoindre");
        assertThat(received.headers())
                .containsEntry("Subject", INVITATION_SUBJECT)
                .containsEntry("From", "Cluster Numérique <no-reply@cluster.example>")
                .containsEntry("To", "Amina Diallo <" + to + ">")
                .containsKey("Message-ID");
        assertThat(MailBox.firstLink(received)).contains(LINK);
        assertThat(mailBox.messagesTo("manon@example.org"))
                .extracting(MailBox.Message::id)
                .contains(received.id());

        String raw = mailBox.raw(received.id());
        assertThat(raw)
                .as("the source is sent as it came: encoded words, quoted-printable")
                .contains(
                        "Subject: =?UTF-8?",
                        "Content-Type: multipart/",
                        "Content-Transfer-Encoding: quoted-printable")
                .doesNotContain(INVITATION_SUBJECT);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiAnswersJsonAndFindsAMessageByAnyRecipientBccIncluded() throws Exception {
        JavaMailSenderImpl sender = sender();
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom("no-reply@cluster.example");
        helper.setTo("delphine.reset@example.org");
        helper.setBcc("Audit.Copy@example.org");
        helper.setSubject("Réinitialisation du mot de passe");
        helper.setText(
                "Pour choisir un nouveau mot de passe :"
                        + " https://localhost:9000/password-resets/completion?token=x1.");
        sender.send(message);
        mailBox.awaitMessageTo("delphine.reset@example.org", Duration.ofSeconds(10));

        HttpResponse<String> list = get("/messages?to=audit.copy%40EXAMPLE.org");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type"))
                .contains("application/json; charset=utf-8");
        List<Map<String, Object>> messages = (List<Map<String, Object>>) Json.parse(list.body());
        assertThat(messages).hasSize(1);
        Map<String, Object> json = messages.getFirst();
        assertThat(json.keySet())
                .containsExactly(
                        "id",
                        "from",
                        "to",
                        "subject",
                        "receivedAt",
                        "text",
                        "html",
                        "headers",
                        "links");
        assertThat(json.get("subject")).isEqualTo("Réinitialisation du mot de passe");
        assertThat(json.get("html")).isNull();
        assertThat((List<Object>) json.get("to"))
                .as("the envelope, lower case")
                .containsExactlyInAnyOrder("delphine.reset@example.org", "audit.copy@example.org");
        assertThat(json.get("links"))
                .isEqualTo(List.of("https://localhost:9000/password-resets/completion?token=x1"));
        assertThat((Map<Object, Object>) json.get("headers"))
                .as("a Bcc is no header")
                .doesNotContainKey("Bcc");

        long id = ((Number) json.get("id")).longValue();
        assertThat(get("/messages/" + id).body()).startsWith("{\"id\":" + id + ",");
        HttpResponse<String> raw = get("/messages/" + id + "/raw");
        assertThat(raw.headers().firstValue("Content-Type")).contains("message/rfc822");
        assertThat(raw.body()).contains("To: delphine.reset@example.org");

        assertThat(get("/health").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get("/messages/999999").statusCode()).isEqualTo(404);
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        assertThat(
                        HTTP.send(
                                        HttpRequest.newBuilder(api.resolve("/messages"))
                                                .POST(HttpRequest.BodyPublishers.noBody())
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                .isEqualTo(405);
    }

    @Test
    void aClientThatLogsInIsAcceptedWhateverItsCredentials() {
        JavaMailSenderImpl sender = sender();
        sender.setUsername("identity-service");
        sender.setPassword("not-checked");
        sender.getJavaMailProperties().setProperty("mail.smtp.auth", "true");
        org.springframework.mail.SimpleMailMessage message =
                new org.springframework.mail.SimpleMailMessage();
        message.setFrom("no-reply@cluster.example");
        message.setTo("bruno.signup@example.org");
        message.setSubject("Confirmez votre adresse");
        message.setText("https://localhost:9000/sign-ups/confirmation?token=y2");
        sender.send(message);

        assertThat(
                        MailBox.firstLink(
                                mailBox.awaitMessageTo(
                                        "bruno.signup@example.org", Duration.ofSeconds(10))))
                .contains("https://localhost:9000/sign-ups/confirmation?token=y2");
        assertThatThrownBy(
                        () -> mailBox.awaitMessageTo("nobody@example.org", Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no message to nobody@example.org");
    }

    @Test
    void aPurgeForgetsEveryMessage() {
        org.springframework.mail.SimpleMailMessage message =
                new org.springframework.mail.SimpleMailMessage();
        message.setFrom("no-reply@cluster.example");
        message.setTo("farid.purge@example.org");
        message.setSubject("Relevé");
        message.setText("Votre relevé est prêt.");
        sender().send(message);
        mailBox.awaitMessageTo("farid.purge@example.org", Duration.ofSeconds(10));

        mailBox.purge();

        assertThat(mailBox.messages()).isEmpty();
        assertThat(mailBox.messagesTo("farid.purge@example.org")).isEmpty();
    }

    private static JavaMailSenderImpl sender() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtpPort);
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        return sender;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(api + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
