package coop.cluster.infra.mail;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A caught message as the API shows it, decoded: the subject and headers from their RFC 2047 words
 * ({@code =?UTF-8?Q?Invitation_=C3=A0_rejoindre?=}), the first text/plain and text/html bodies of
 * the MIME tree (multipart/alternative, mixed or related, attachments skipped) from their transfer
 * encoding (quoted-printable, base64) and charset.
 *
 * @param from the address of the From header (the envelope sender when there is none)
 * @param to the envelope recipients, so Cc and Bcc too: whom the message was delivered to
 * @param text the plain-text body, or null
 * @param html the HTML body, or null
 * @param headers every header, decoded; a header given several times (Received) has its values
 *     joined by a newline
 * @param links the http(s) links, text body first ({@link MailLinks})
 */
record MailView(
        long id,
        String from,
        List<String> to,
        String subject,
        String receivedAt,
        String text,
        String html,
        Map<String, String> headers,
        List<String> links) {

    /** Headers sent as raw UTF-8 (SMTPUTF8 clients) are read as UTF-8, not as Latin-1. */
    private static final Session SESSION =
            Session.getInstance(properties("mail.mime.allowutf8", "true"));

    static MailView of(MailStore.Caught caught) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(caught.raw()));
            Bodies bodies = new Bodies();
            bodies.collect(message);
            return new MailView(
                    caught.id(),
                    from(message, caught.sender()),
                    caught.recipients(),
                    message.getSubject(),
                    caught.receivedAt().toString(),
                    bodies.text,
                    bodies.html,
                    headers(message),
                    MailLinks.of(bodies.text, bodies.html));
        } catch (MessagingException | IOException e) {
            // still list it, with what is known for sure: the raw source stays readable at
            // /messages/{id}/raw
            return new MailView(
                    caught.id(),
                    caught.sender(),
                    caught.recipients(),
                    null,
                    caught.receivedAt().toString(),
                    null,
                    null,
                    Map.of("X-Mail-Catcher-Error", "cannot be decoded: " + e.getMessage()),
                    List.of());
        }
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("from", from);
        json.put("to", to);
        json.put("subject", subject);
        json.put("receivedAt", receivedAt);
        json.put("text", text);
        json.put("html", html);
        json.put("headers", headers);
        json.put("links", links);
        return json;
    }

    private static String from(MimeMessage message, String sender) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException e) {
            from = null; // a From header that does not parse
        }
        if (from != null
                && from.length > 0
                && from[0] instanceof InternetAddress address
                && address.getAddress() != null) {
            return address.getAddress();
        }
        return sender;
    }

    private static Map<String, String> headers(MimeMessage message) throws MessagingException {
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header header = all.nextElement();
            String value =
                    decode(
                            MimeUtility.unfold(header.getValue() == null ? "" : header.getValue())
                                    .strip());
            headers.merge(header.getName(), value, (a, b) -> a + "\n" + b);
        }
        return headers;
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }

    /** The first plain and HTML bodies met walking the MIME tree depth first. */
    private static final class Bodies {

        String text;
        String html;

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        collect(multipart.getBodyPart(i));
                    }
                }
                return;
            }
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (text == null && part.isMimeType("text/plain")) {
                text = textOf(part);
            } else if (html == null && part.isMimeType("text/html")) {
                html = textOf(part);
            }
        }

        /**
         * Decoded by Jakarta Mail; a charset Java does not know is read as UTF-8 rather than lost.
         */
        private static String textOf(Part part) throws MessagingException, IOException {
            try {
                Object content = part.getContent();
                if (content instanceof String s) {
                    return s;
                }
            } catch (UnsupportedEncodingException e) {
                // fall through
            }
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
