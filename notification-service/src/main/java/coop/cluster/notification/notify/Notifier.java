package coop.cluster.notification.notify;

import coop.cluster.notification.audience.Person;
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
 * Makes a notice into one inbox entry and, where the person has an address and wants it, one e-mail delivery per
 * recipient. Each is a document whose {@code _id} is derived from (event id, person, channel), inserted once: the
 * same event handled again (a redelivery, a replay, another instance) adds nothing. The mails go out from the
 * {@link DeliveryWorker}, which this wakes.
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

    Notifier(Renderer renderer, Inbox inbox, Deliveries deliveries, Preferences preferences, UnsubscribeTokens tokens,
             NotificationSettings settings, NotificationMetrics metrics, ObjectProvider<DeliveryWorker> worker) {
        this.renderer = renderer;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.preferences = preferences;
        this.tokens = tokens;
        this.settings = settings;
        this.metrics = metrics;
        this.worker = worker;
    }

    /** The exactly-once key of one notification: the same event, person and channel give the same id. */
    public static String key(String eventId, String personId, Channel channel) {
        return IdempotentEffects.effectId(eventId, channel.code() + ":" + personId);
    }

    public void notify(Notice notice, Collection<Person> recipients) {
        Map<String, Person> unique = new LinkedHashMap<>();
        recipients.forEach(person -> unique.putIfAbsent(person.id(), person));
        String link = settings.consoleLink(notice.path());
        int emails = 0;
        for (Person person : unique.values()) {
            Kind kind = notice.kind();
            String unsubscribe = kind.essential() ? null : settings.apiLink("api/notifications/unsubscribe?token="
                    + URLEncoder.encode(tokens.issue(person.id(), kind), StandardCharsets.UTF_8));
            Rendered text = renderer.render(kind, person.locale(), person.displayName(), notice.arguments(), link,
                    unsubscribe);
            if (inbox.add(key(notice.eventId(), person.id(), Channel.INBOX), notice.eventId(), person.id(), kind, text,
                    link, notice.at())) {
                metrics.created(kind.code(), Channel.INBOX);
                metrics.sent(kind.code(), Channel.INBOX);
            }
            if (person.reachableByEmail() && preferences.choice(person.id(), kind) != Choice.OFF
                    && deliveries.add(key(notice.eventId(), person.id(), Channel.EMAIL), notice.eventId(),
                    person.id(), person.email(), kind, text, unsubscribe)) {
                metrics.created(kind.code(), Channel.EMAIL);
                emails++;
            }
        }
        log.debug("{} (event {}): {} recipients, {} new mails", notice.kind().code(), notice.eventId(), unique.size(),
                emails);
        if (emails > 0) {
            worker.ifAvailable(DeliveryWorker::wake);
        }
    }
}
