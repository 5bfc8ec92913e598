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
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes a notice into one inbox entry per recipient and, where the person has an address and wants
 * it, an e-mail:
 *
 * <ul>
 *   <li>an essential kind: one e-mail delivery at once, always;
 *   <li>a kind the person gets in a daily or weekly digest: the notice is gathered for it ({@link
 *       DigestNotices});
 *   <li>a non-essential kind the person wants immediately: gathered for its burst window (a batch
 *       of 200 matching calls is one e-mail, not 200; a notice alone goes out as its own mail once
 *       the window ends);
 *   <li>a kind turned off, or an address that bounced hard ({@link Bounces}): no e-mail.
 * </ul>
 *
 * Each is a document whose {@code _id} is derived from (event id, person, channel), inserted once:
 * the same event handled again (a redelivery, a replay, another instance) adds nothing. The mails
 * go out from the {@link DeliveryWorker}, which this wakes, and from the {@code DigestJob} for the
 * gathered ones.
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

    Notifier(
            Renderer renderer,
            Inbox inbox,
            Deliveries deliveries,
            Preferences preferences,
            UnsubscribeTokens tokens,
            NotificationSettings settings,
            NotificationMetrics metrics,
            ObjectProvider<DeliveryWorker> worker,
            DigestNotices gathered,
            DigestSettings digests,
            Bounces bounces) {
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
     * The exactly-once key of one notification: the same event (the notice's {@link Notice#key()}),
     * person and channel give the same id.
     */
    public static String key(String eventId, String personId, Channel channel) {
        return IdempotentEffects.effectId(eventId, channel.code() + ":" + personId);
    }

    public void notify(Notice notice, Collection<Person> recipients) {
        notifyAll(List.of(new EventNotices.Planned(notice, List.copyOf(recipients))));
    }

    /**
     * The notices of a batch of events, with the store's requests counted per batch, not per
     * notice: one bulk insert of every inbox entry; one read of the preferences of the people whose
     * kind they may choose (none for an essential kind); one read of which of the addresses
     * bounced; two bulk inserts for the e-mail deliveries and their queue entries ({@link
     * Deliveries#addAll}). What a crash does between them is what it does between the same writes
     * of one notice: the event is handled again, and what exists is refused by its {@code _id}.
     */
    public void notifyAll(List<EventNotices.Planned> planned) {
        record Told(Notice notice, Person person, Rendered text, String link, String unsubscribe) {}
        List<Told> told = new ArrayList<>();
        for (EventNotices.Planned plan : planned) {
            Notice notice = plan.notice();
            Map<String, Person> unique = new LinkedHashMap<>();
            plan.recipients().forEach(person -> unique.putIfAbsent(person.id(), person));
            String link = settings.consoleLink(notice.path());
            Kind kind = notice.kind();
            for (Person person : unique.values()) {
                String unsubscribe =
                        kind.essential()
                                ? null
                                : settings.apiLink(
                                        "api/notifications/unsubscribe?token="
                                                + URLEncoder.encode(
                                                        tokens.issue(person.id(), kind),
                                                        StandardCharsets.UTF_8));
                told.add(
                        new Told(
                                notice,
                                person,
                                renderer.render(
                                        kind,
                                        person.locale(),
                                        person.displayName(),
                                        notice.arguments(),
                                        link,
                                        unsubscribe),
                                link,
                                unsubscribe));
            }
        }
        if (told.isEmpty()) {
            return;
        }
        List<Inbox.NewEntry> entries = new ArrayList<>();
        for (Told t : told) {
            entries.add(
                    new Inbox.NewEntry(
                            key(t.notice().key(), t.person().id(), Channel.INBOX),
                            t.notice().key(),
                            t.person().id(),
                            t.notice().kind(),
                            t.text(),
                            t.link(),
                            t.notice().at()));
        }
        Set<String> added = inbox.addAll(entries);
        for (int i = 0; i < told.size(); i++) {
            if (added.contains(entries.get(i).id())) {
                String kind = told.get(i).notice().kind().code();
                metrics.created(kind, Channel.INBOX);
                metrics.sent(kind, Channel.INBOX);
            }
        }

        List<Told> reachable = told.stream().filter(t -> t.person().reachableByEmail()).toList();
        if (reachable.isEmpty()) {
            return;
        }
        Map<Kind, Map<String, Choice>> choices = new EnumMap<>(Kind.class);
        reachable.stream()
                .collect(
                        Collectors.groupingBy(
                                t -> t.notice().kind(),
                                LinkedHashMap::new,
                                Collectors.mapping(
                                        t -> t.person().id(),
                                        Collectors.toCollection(LinkedHashSet::new))))
                .forEach((kind, people) -> choices.put(kind, preferences.choices(people, kind)));
        Set<String> bounced =
                bounces.bouncedOf(
                        reachable.stream()
                                .filter(
                                        t ->
                                                choices.get(t.notice().kind()).get(t.person().id())
                                                        != Choice.OFF)
                                .map(t -> t.person().email())
                                .toList());
        List<Deliveries.NewDelivery> immediate = new ArrayList<>();
        for (Told t : reachable) {
            Kind kind = t.notice().kind();
            Choice choice = choices.get(kind).get(t.person().id());
            if (choice == Choice.OFF) {
                continue;
            }
            if (bounced.contains(Bounces.normalise(t.person().email()))) {
                metrics.suppressed(kind.code(), "bounced");
                continue;
            }
            String delivery = key(t.notice().key(), t.person().id(), Channel.EMAIL);
            Period period =
                    choice == Choice.DAILY
                            ? Period.DAILY
                            : choice == Choice.WEEKLY
                                    ? Period.WEEKLY
                                    : kind.essential() || digests.burstWindow().isZero()
                                            ? null
                                            : Period.BURST;
            if (period == null) {
                immediate.add(
                        new Deliveries.NewDelivery(
                                delivery,
                                t.notice().key(),
                                t.person().id(),
                                t.person().email(),
                                kind,
                                t.text(),
                                t.unsubscribe()));
            } else if (gathered.gather(
                    t.notice().key(),
                    t.person().id(),
                    kind,
                    period,
                    t.text(),
                    t.link(),
                    t.unsubscribe(),
                    delivery,
                    t.notice().at())) {
                metrics.gathered(kind.code(), period.code());
            }
        }
        Set<String> made = deliveries.addAll(immediate);
        immediate.stream()
                .filter(d -> made.contains(d.id()))
                .forEach(d -> metrics.created(d.kind().code(), Channel.EMAIL));
        log.debug(
                "{} notices: {} recipients, {} new mails",
                planned.size(),
                told.size(),
                made.size());
        if (!made.isEmpty()) {
            worker.ifAvailable(DeliveryWorker::wake);
        }
    }
}
