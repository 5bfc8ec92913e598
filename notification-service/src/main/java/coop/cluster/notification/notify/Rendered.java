package coop.cluster.notification.notify;

/**
 * A notification written for one person, in their language.
 *
 * @param subject the e-mail's subject and the inbox entry's title
 * @param summary one paragraph: the inbox entry's text
 * @param text the e-mail's text/plain part
 * @param html the e-mail's text/html part
 */
public record Rendered(String subject, String summary, String text, String html) {}
