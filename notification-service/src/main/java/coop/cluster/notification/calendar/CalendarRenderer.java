package coop.cluster.notification.calendar;

import coop.cluster.notification.audience.Person;
import coop.cluster.notification.notify.NotificationSettings;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * A person's calendar as iCalendar (RFC 5545), built with ical4j: one VEVENT per dated thing, its
 * UID stable, DTSTART an instant in UTC (cut-offs, vote deadlines, invitation expiries) or an
 * all-day DATE (an invoice's due date), texts in the person's language ({@code
 * calendar-messages[_fr].properties}), a URL to the console page. Deterministic: the same items
 * give the same bytes (DTSTAMP is the item's last change), so the feed's ETag only moves when it
 * does.
 */
public class CalendarRenderer {

    static final String PRODUCT = "-//Cluster cooperative//notification-service calendar//EN";
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final NotificationSettings settings;

    public CalendarRenderer(NotificationSettings settings) {
        this.settings = settings;
    }

    /**
     * The VCALENDAR of {@code person}'s {@code items}, as text (CRLF line ends, long lines folded
     * by ical4j).
     */
    public String render(Person person, List<DatedItem> items) {
        Texts texts = new Texts(person.locale());
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        String name = person.displayName() == null ? person.id() : person.displayName();
        calendar.add(new XProperty("X-WR-CALNAME", texts.get("calname", name)));
        calendar.add(new XProperty("X-WR-CALDESC", texts.get("caldesc")));
        calendar.add(new XProperty("X-PUBLISHED-TTL", "PT15M"));
        for (DatedItem item : items) {
            calendar.add(event(item, texts));
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private VEvent event(DatedItem item, Texts texts) {
        VEvent event = new VEvent(false);
        event.add(new Uid(item.uid()));
        event.add(new DtStamp(item.updatedAt()));
        if (item.start() instanceof LocalDate day) {
            event.add(new DtStart<>(day));
            event.add(new DtEnd<>(day.plusDays(1)));
        } else {
            event.add(new DtStart<>((Instant) item.start()));
            if (item.end() != null) {
                event.add(new DtEnd<>(item.end()));
            }
        }
        String title = title(item, texts);
        String code = item.kind().code();
        event.add(new Summary(texts.get(code + ".summary", title)));
        String description =
                switch (item.kind()) {
                    case CALL_CUT_OFF ->
                            texts.get(
                                    "call.description",
                                    title,
                                    item.context() == null ? "" : " (" + item.context() + ")",
                                    UTC.format(item.start()));
                    case VOTE_DEADLINE, INVITATION_EXPIRY ->
                            texts.get(code + ".description", title, UTC.format(item.start()));
                    case INVOICE_DUE ->
                            texts.get(
                                    "invoice.description",
                                    title,
                                    item.context() == null ? "" : " (" + item.context() + ")");
                    case EVENT ->
                            texts.get(
                                    "event.description",
                                    title,
                                    UTC.format(item.start()),
                                    item.end() == null ? "" : " – " + UTC.format(item.end()));
                };
        String link = settings.consoleLink(item.kind().page(item.ref()));
        if (item.cancelled()) {
            description = texts.get("cancelled") + " " + description;
        }
        event.add(new Description(description + "\n" + link));
        event.add(new Url(URI.create(link)));
        event.add(new Sequence(item.sequence()));
        event.add(new LastModified(item.updatedAt()));
        event.add(
                item.cancelled()
                        ? ImmutableStatus.VEVENT_CANCELLED
                        : ImmutableStatus.VEVENT_CONFIRMED);
        if (item.location() != null && !item.location().isBlank()) {
            event.add(new Location(item.location()));
        }
        // a deadline does not make anyone busy; an event they hold a place at does
        event.add(
                item.kind() == DatedItem.Kind.EVENT
                        ? ImmutableTransp.OPAQUE
                        : ImmutableTransp.TRANSPARENT);
        return event;
    }

    /**
     * The item's title; an exchange event's in the person's language (the other one when it has
     * none).
     */
    private static String title(DatedItem item, Texts texts) {
        String fr = item.title();
        String en = item.titleEn();
        String first = texts.english() ? en : fr;
        String other = texts.english() ? fr : en;
        if (first != null && !first.isBlank()) {
            return first;
        }
        return other != null && !other.isBlank() ? other : texts.get("untitled");
    }

    /** The texts of one language; no fallback to the JVM's default locale. */
    private static final class Texts {

        private final ResourceBundle bundle;
        private final boolean english;

        Texts(Locale locale) {
            this.english = !Locale.FRENCH.equals(locale);
            this.bundle =
                    ResourceBundle.getBundle(
                            "calendar-messages",
                            Locale.FRENCH.equals(locale) ? Locale.FRENCH : Locale.ROOT,
                            ResourceBundle.Control.getNoFallbackControl(
                                    ResourceBundle.Control.FORMAT_PROPERTIES));
        }

        boolean english() {
            return english;
        }

        String get(String key, Object... args) {
            String text = bundle.getString(key);
            for (int i = 0; i < args.length; i++) {
                text = text.replace("{" + i + "}", String.valueOf(args[i]));
            }
            return text;
        }
    }
}
