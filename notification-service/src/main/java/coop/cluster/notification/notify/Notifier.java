package coop.cluster.notification.notify;

import coop.cluster.notification.audience.Person;
import coop.cluster.notification.bounce.Bounces;
import coop.cluster.notification.digest.DigestNotices;
import coop.cluster.notification.digest.DigestSettings;
import coop.cluster.notification.digest.Period;
import coop.cluster.notification.email.Deliveries;
import coop.cluster.notification.email.DeliveryWorker;
import coop.cluster.notification.inbox.Inbox;
import coop.cluster.notification.preference.Choice;
import coop.cluster.notification.preference.Preferences;
import coop.cluster.notification.unsubscribe.UnsubscribeTokens;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes a notice into one inbox entry per recipient and, where the person has an address and wants it, an e-mail:
 * <ul>
 *   <li>an essential kind: one e-mail delivery at once, always;</li>
 *   <li>a kind the person gets in a daily or weekly digest: the notice is gathered for it ({@link DigestNotices});</li>
 *   <li>a non-essential kind the person wants immediately: gathered for its burst window (a batch of 200 matching
 *   calls is one e-mail, not 200; a notice alone goes out as its own mail once the window ends);</li>
 *   <li>a kind turned off, or an address that bounced hard ({@link Bounces}): no e-mail.</li>
 * </ul>
 * Each is a document whose {@code _id} is derived from (event id, person, channel), inserted once: the same event
 * handled again (a redelivery, a replay, another instance) adds nothing. The mails go out from the
 * {@link DeliveryWorker}, which this wakes, and from the {@code DigestJob} for the gathered ones.
 */
@Component
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final Renderer renderer;
    private final Inbox inbox;
    private final Deliveries deliveries;
    private final Preferences preferences;
    private final UnsubscribeTokens tokens;
    private final NotificationSettings settings;
    private final NotificationMetrics metrics;
    private final ObjectProvider<DeliveryWorker> worker;
    private final DigestNotices gathered;
    private final DigestSettings digests;
    private final Bounces bounces;

    Notifier(Renderer renderer, Inbox inbox, Deliveries deliveries, Preferences preferences, UnsubscribeTokens tokens,
             NotificationSettings settings, NotificationMetrics metrics, ObjectProvider<DeliveryWorker> worker,
             DigestNotices gathered, DigestSettings digests, Bounces bounces) {
        this.renderer = renderer;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.preferences = preferences;
        this.tokens = tokens;
        this.settings = settings;
        this.metrics = metrics;
        this.worker = worker;
        this.gathered = gathered;
        this.digests = digests;
        this.bounces = bounces;
    }

    /**
     * The exactly-once key of one notification: the same event (the notice's {@link Notice#key()}), person and channel
     * give the same id.
     */
    public static String key(String eventId, String personId, Channel channel) {
        return IdempotentEffects.effectId(eventId, channel.code() + ":" + personId);
    }

    public void notify(Notice notice, Collection<Person> recipients) {
        Map<String, Person> unique = new LinkedHashMap<>();
        recipients.forEach(person -> unique.putIfAbsent(person.id(), person));
        String link = settings.consoleLink(notice.path());
        Kind kind = notice.kind();
        int emails = 0;
        for (Person person : unique.values()) {
            String unsubscribe = kind.essential() ? null : settings.apiLink("api/notifications/unsubscribe?token="
                    + URLEncoder.encode(tokens.issue(person.id(), kind), StandardCharsets.UTF_8));
            Rendered text = renderer.render(kind, person.locale(), person.displayName(), notice.arguments(), link,
                    unsubscribe);
            if (inbox.add(key(notice.key(), person.id(), Channel.INBOX), notice.key(), person.id(), kind, text,
                    link, notice.at())) {
                metrics.created(kind.code(), Channel.INBOX);
                metrics.sent(kind.code(), Channel.INBOX);
            }
            if (!person.reachableByEmail()) {
                continue;
            }
            Choice choice = preferences.choice(person.id(), kind);
            if (choice == Choice.OFF) {
                continue;
            }
            if (bounces.bounced(person.email())) {
                metrics.suppressed(kind.code(), "bounced");
                continue;
            }
            String delivery = key(notice.key(), person.id(), Channel.EMAIL);
            Period period = choice == Choice.DAILY ? Period.DAILY : choice == Choice.WEEKLY ? Period.WEEKLY
                    : kind.essential() || digests.burstWindow().isZero() ? null : Period.BURST;
            if (period == null) {
                if (deliveries.add(delivery, notice.key(), person.id(), person.email(), kind, text, unsubscribe)) {
                    metrics.created(kind.code(), Channel.EMAIL);
                    emails++;
                }
            } else if (gathered.gather(notice.key(), person.id(), kind, period, text, link, unsubscribe, delivery,
                    notice.at())) {
                metrics.gathered(kind.code(), period.code());
            }
        }
        log.debug("{} (event {}): {} recipients, {} new mails", kind.code(), notice.eventId(), unique.size(), emails);
        if (emails > 0) {
            worker.ifAvailable(DeliveryWorker::wake);
        }
    }
}
