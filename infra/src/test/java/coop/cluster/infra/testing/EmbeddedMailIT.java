package coop.cluster.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What a service's IT gets from {@code @EmbeddedInfraTest(mail = true)}: an SMTP address for Spring
 * Boot, a reader.
 */
@EmbeddedInfraTest(mail = true)
class EmbeddedMailIT {

    @Test
    void theExtensionStartsTheMailCatcherAndPublishesItsAddressToSpringBoot() {
        EmbeddedInfra infra = EmbeddedInfra.shared();

        assertThat(infra.isMailRunning()).isTrue();
        assertThat(System.getProperty("spring.mail.host"))
                .isEqualTo(infra.smtpHost())
                .isEqualTo("127.0.0.1");
        assertThat(System.getProperty("spring.mail.port"))
                .isEqualTo(Integer.toString(infra.smtpPort()));
        assertThat(infra.mailApi().toString()).startsWith("http://127.0.0.1:");
        assertThat(ProcessHandle.of(infra.mailPid()))
                .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(infra.toString()).contains("mail catcher pid " + infra.mailPid());
    }

    @Test
    void mailSentToThePublishedAddressIsReadThroughTheMailBox() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(System.getProperty("spring.mail.host"));
        sender.setPort(Integer.parseInt(System.getProperty("spring.mail.port")));
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom("no-reply@cluster.example");
        message.setTo("fatou.embedded@example.org");
        message.setSubject("Confirmez votre inscription");
        message.setText(
                "Bienvenue ! Confirmez ici : http://localhost:9000/sign-ups/confirmation?token=e1");
        sender.send(message);

        MailBox mailBox = EmbeddedInfra.shared().mailBox();
        MailBox.Message received =
                mailBox.awaitMessageTo("fatou.embedded@example.org", Duration.ofSeconds(10));

        assertThat(received.subject()).isEqualTo("Confirmez votre inscription");
        assertThat(received.text()).startsWith("Bienvenue !");
        assertThat(MailBox.firstLink(received))
                .contains("http://localhost:9000/sign-ups/confirmation?token=e1");
    }

    @Test
    void aStoppedCatcherComesBackOnTheSamePortsEmpty() {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        int port = infra.smtpPort();
        long pid = infra.mailPid();

        infra.stopMail();
        assertThat(infra.isMailRunning()).isFalse();
        infra.ensureRunning();

        assertThat(infra.isMailRunning()).isTrue();
        assertThat(infra.mailPid()).isNotEqualTo(pid);
        assertThat(infra.smtpPort())
                .as("Spring contexts keep the port they were given")
                .isEqualTo(port);
        assertThat(infra.mailBox().messages()).isEmpty();
    }
}
