package coop.cluster.notification.email;

import coop.cluster.notification.bounce.Bounces;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Hands one delivery to the SMTP server: text and HTML alternatives, a stable {@code Message-ID}
 * (derived from the delivery's id, so a resend after a lost mark carries the same one and a mail
 * client can drop the copy), and for a non-essential kind {@code List-Unsubscribe} with {@code
 * List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058). A failed send is retried with
 * exponential back-off (Resilience4j); a message that cannot even be written is not.
 */
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JavaMailSender sender;
    private final String from;
    private final Retry retry;

    public Mailer(JavaMailSender sender, EmailSettings settings) {
        this.sender = sender;
        this.from = settings.from();
        this.retry =
                Retry.of(
                        "smtp",
                        RetryConfig.custom()
                                .maxAttempts(settings.attempts())
                                .intervalFunction(
                                        IntervalFunction.ofExponentialBackoff(
                                                settings.firstBackoff(), 2.0))
                                .retryOnException(
                                        e ->
                                                e instanceof MailException
                                                        && !(e instanceof MailPreparationException)
                                                        && !(e instanceof MailParseException)
                                                        && Bounces.permanentRecipientRefusal(e)
                                                                .isEmpty())
                                .build());
        retry.getEventPublisher()
                .onRetry(
                        event ->
                                log.warn(
                                        "SMTP send failed (attempt {}), retrying in {}: {}",
                                        event.getNumberOfRetryAttempts(),
                                        event.getWaitInterval(),
                                        String.valueOf(event.getLastThrowable())));
    }

    /**
     * @throws MailException once every attempt failed, or at once if the message cannot be written
     */
    public void send(Delivery delivery) {
        MimeMessage message = write(delivery);
        retry.executeRunnable(() -> sender.send(message));
    }

    /**
     * Hands several deliveries to the SMTP server over one connection, each tried once (no retries:
     * a delivery that fails here goes the way of {@link #send}).
     *
     * @return the deliveries that could not be sent, with why
     */
    public Map<Delivery, MailException> sendAll(List<Delivery> deliveries) {
        Map<Delivery, MailException> failed = new LinkedHashMap<>();
        Map<MimeMessage, Delivery> written = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            try {
                written.put(write(delivery), delivery);
            } catch (MailException e) {
                failed.put(delivery, e);
            }
        }
        if (written.isEmpty()) {
            return failed;
        }
        try {
            sender.send(written.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            e.getFailedMessages()
                    .forEach(
                            (message, why) -> {
                                Delivery delivery = written.get(message);
                                if (delivery != null) {
                                    failed.put(
                                            delivery,
                                            new MailSendException(
                                                    "could not send " + delivery.id(), why));
                                }
                            });
            if (e.getFailedMessages().isEmpty()) {
                written.values().forEach(delivery -> failed.put(delivery, e));
            }
        } catch (MailException e) {
            written.values().forEach(delivery -> failed.put(delivery, e));
        }
        return failed;
    }

    MimeMessage write(Delivery delivery) {
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper =
                    new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(delivery.to());
            helper.setSubject(delivery.subject());
            helper.setText(delivery.text(), delivery.html());
            // JavaMailSenderImpl keeps a Message-ID set before the send
            message.setHeader("Message-ID", delivery.messageId());
            message.setHeader("X-Cluster-Notification", delivery.kind());
            if (delivery.unsubscribe() != null) {
                message.setHeader("List-Unsubscribe", "<" + delivery.unsubscribe() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException(
                    "could not write the mail of delivery " + delivery.id(), e);
        }
    }
}
