package coop.cluster.auth.people;

import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Language;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The mails of the flows, each in the recipient's language, as text and HTML alternatives
 * (templates {@code mail/<name>.txt} and {@code mail/<name>.html}, texts in {@code
 * messages*.properties}). A mail that cannot be sent is logged and reported as not sent; what it
 * announces is stored already, and its link can be sent again. Without a mail server ({@code
 * spring.mail.host} unset) nothing is sent.
 */
public class PeopleMail {

    private static final Logger log = LoggerFactory.getLogger(PeopleMail.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;
    private final TemplateEngine templates;
    private final String issuer;
    private final String from;

    public PeopleMail(
            ObjectProvider<JavaMailSender> sender,
            MessageSource messages,
            String issuer,
            String from) {
        this.sender = sender;
        this.messages = messages;
        this.issuer = issuer.replaceAll("/$", "");
        this.from = from;
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 2));
        engine.setTemplateEngineMessageSource(messages);
        this.templates = engine;
    }

    /** The invitation, with its one-time link. @return whether it was handed to the mail server */
    public boolean invitation(Email to, Language language, String displayName, String secret) {
        return send(
                "invitation",
                to,
                language,
                Map.of(
                        "name",
                        orEmpty(displayName),
                        "link",
                        link("/invitations/accept", secret, language)));
    }

    /** "Confirm your address" after a sign-up. */
    public boolean signUpConfirmation(
            Email to, Language language, String displayName, String secret) {
        return send(
                "sign-up",
                to,
                language,
                Map.of(
                        "name",
                        orEmpty(displayName),
                        "link",
                        link("/sign-up/confirm", secret, language)));
    }

    /** A sign-up for an address that has an account already: said to the address's owner only. */
    public boolean alreadyRegistered(Email to, Language language, String displayName) {
        return send(
                "already-registered",
                to,
                language,
                Map.of(
                        "name",
                        orEmpty(displayName),
                        "link",
                        issuer + "/password/forgot?lang=" + language.code()));
    }

    public boolean passwordReset(Email to, Language language, String displayName, String secret) {
        return send(
                "password-reset",
                to,
                language,
                Map.of(
                        "name",
                        orEmpty(displayName),
                        "link",
                        link("/password/reset", secret, language)));
    }

    private boolean send(
            String template, Email to, Language language, Map<String, Object> variables) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.warn(
                    "No mail server is configured (spring.mail.host / SPRING_MAIL_HOST): the {}"
                        + " mail to {} is not sent; its link can be sent again once there is one",
                    template,
                    to);
            return false;
        }
        Context context = new Context(language.locale(), variables);
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper =
                    new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to.value());
            helper.setSubject(
                    messages.getMessage("mail." + template + ".subject", null, language.locale()));
            helper.setText(
                    templates.process("mail/" + template + ".txt", context),
                    templates.process("mail/" + template + ".html", context));
            mail.send(message);
            log.info("Sent the {} mail to {}", template, to);
            return true;
        } catch (MailException | MessagingException e) {
            log.warn(
                    "Could not send the {} mail to {}: {}; its link can be sent again",
                    template,
                    to,
                    e.toString());
            return false;
        }
    }

    private String link(String path, String secret, Language language) {
        return issuer
                + path
                + "?token="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)
                + "&lang="
                + language.code();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static ClassLoaderTemplateResolver resolver(
            TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }
}
