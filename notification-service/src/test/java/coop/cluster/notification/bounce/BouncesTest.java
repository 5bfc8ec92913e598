package coop.cluster.notification.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import coop.cluster.notification.testing.RefusingSmtpServer;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Which send failures are hard bounces: a 5xx refusal of the recipient, as a real SMTP conversation
 * makes Spring's {@link JavaMailSenderImpl} report it; not a 4xx, nor a server out of reach.
 */
class BouncesTest {

    @Test
    void aPermanentRefusalOfTheRecipientIsAHardBounce() throws Exception {
        try (RefusingSmtpServer server =
                new RefusingSmtpServer(
                        "550 5.1.1 <gone@example.org>: Recipient address rejected:"
                                + " User unknown")) {
            Throwable failure =
                    catchThrowable(() -> sender(server.port()).send(mail("gone@example.org")));
            assertThat(failure).isInstanceOf(MailSendException.class);
            assertThat(Bounces.permanentRecipientRefusal(failure))
                    .hasValueSatisfying(
                            reason ->
                                    assertThat(reason)
                                            .startsWith("550 5.1.1")
                                            .contains("User unknown"));
        }
    }

    @Test
    void aTemporaryRefusalOrAServerOutOfReachIsNot() throws Exception {
        try (RefusingSmtpServer server =
                new RefusingSmtpServer("450 4.2.1 Mailbox busy, try later")) {
            Throwable failure =
                    catchThrowable(() -> sender(server.port()).send(mail("busy@example.org")));
            assertThat(failure).isInstanceOf(MailSendException.class);
            assertThat(Bounces.permanentRecipientRefusal(failure)).isEmpty();
        }
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        Throwable unreachable =
                catchThrowable(() -> sender(closed).send(mail("anyone@example.org")));
        assertThat(unreachable).isNotNull();
        assertThat(Bounces.permanentRecipientRefusal(unreachable)).isEmpty();
        assertThat(Bounces.permanentRecipientRefusal(new IllegalStateException("550 but not SMTP")))
                .isEmpty();
    }

    @Test
    void theRefusalIsFoundWhereverSpringAndJavaMailNestIt() throws Exception {
        SMTPAddressFailedException refused =
                new SMTPAddressFailedException(
                        new InternetAddress("x@example.org"),
                        "RCPT TO:<x@example.org>",
                        551,
                        "551 User not local");
        SendFailedException invalid = new SendFailedException("Invalid Addresses", refused);
        assertThat(
                        Bounces.permanentRecipientRefusal(
                                new MailSendException(Map.of(new Object(), invalid))))
                .contains("551 User not local");
        assertThat(Bounces.permanentRecipientRefusal(new MailSendException("wrapped", invalid)))
                .contains("551 User not local");
        assertThat(
                        Bounces.permanentRecipientRefusal(
                                new MailSendException(
                                        Map.of(
                                                new Object(),
                                                new SendFailedException(
                                                        "Invalid Addresses",
                                                        new SMTPAddressFailedException(
                                                                new InternetAddress(
                                                                        "x@example.org"),
                                                                "RCPT TO",
                                                                452,
                                                                "452 Too many recipients"))))))
                .isEmpty();
    }

    @Test
    void anAddressIsKeyedTrimmedAndInLowerCase() {
        assertThat(Bounces.normalise("  Ada.Lovelace@Example.ORG "))
                .isEqualTo("ada.lovelace@example.org");
    }

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        return sender;
    }

    private static SimpleMailMessage mail(String to) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("notifications@cluster.coop");
        message.setTo(to);
        message.setSubject("Hello");
        message.setText("Hello");
        return message;
    }
}
