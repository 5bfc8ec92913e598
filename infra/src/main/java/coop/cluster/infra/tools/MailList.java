package coop.cluster.infra.tools;

import coop.cluster.infra.testing.MailBox;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code ./platform mail [--to ADDRESS]}: prints what the platform's mail catcher caught, oldest
 * first: sender, recipients, subject, links and the text body of each message (the HTML body, tags
 * removed, when there is no text). The script finds the catcher's API in the run directory's state
 * file ({@code --api URL} or {@code MAIL_API} to read another one).
 */
public final class MailList {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private MailList() {}

    public static void main(String[] args) {
        String api = System.getenv().getOrDefault("MAIL_API", "http://127.0.0.1:8025");
        String to = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--to" -> to = value(args, ++i);
                case "--api" -> api = value(args, ++i);
                default -> usage("unexpected argument '" + args[i] + "'");
            }
        }
        MailBox mailBox = new MailBox(URI.create(api));
        List<MailBox.Message> messages;
        try {
            messages = to == null ? mailBox.messages() : mailBox.messagesTo(to);
        } catch (RuntimeException e) {
            System.err.println(
                    "platform mail: "
                            + e.getMessage()
                            + " (is the platform running? ./platform status)");
            System.exit(1);
            return;
        }
        for (MailBox.Message m : messages) {
            System.out.printf(
                    "#%d  %s  from %s to %s%n",
                    m.id(), TIME.format(m.receivedAt()), m.from(), String.join(", ", m.to()));
            System.out.println("    Subject: " + (m.subject() == null ? "(none)" : m.subject()));
            MailBox.links(m).forEach(link -> System.out.println("    link: " + link));
            String body =
                    m.text() != null
                            ? m.text()
                            : m.html() != null ? m.html().replaceAll("<[^>]*>", " ") : "";
            body.strip().lines().forEach(line -> System.out.println("    | " + line));
            System.out.println();
        }
        System.err.println(
                messages.size()
                        + " message(s)"
                        + (to == null ? "" : " to " + to)
                        + " at "
                        + mailBox.api()
                        + "/messages (raw source: curl "
                        + mailBox.api()
                        + "/messages/ID/raw)");
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage("option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("platform mail: " + problem);
        System.err.println("usage: ./platform mail [--to ADDRESS] [--run-dir DIR]");
        System.exit(2);
    }
}
