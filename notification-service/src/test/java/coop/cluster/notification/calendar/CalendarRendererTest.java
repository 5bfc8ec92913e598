package coop.cluster.notification.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.notification.audience.Person;
import coop.cluster.notification.calendar.persistence.CalendarItemStore;
import coop.cluster.notification.notify.NotificationSettings;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The feed's iCalendar, parsed back with ical4j: the right VEVENTs, UTC instants, all-day dates,
 * stable UIDs.
 */
class CalendarRendererTest {

    private static final Instant CUT_OFF = Instant.parse("2027-03-15T17:00:00Z");
    private static final Instant CHANGED = Instant.parse("2026-12-01T09:30:00Z");

    private final CalendarRenderer renderer =
            new CalendarRenderer(
                    new NotificationSettings(URI.create("https://console.example.org/"), null));

    private final Person english =
            new Person(
                    "p-en",
                    "en@example.org",
                    "Bruno Peeters",
                    "en",
                    "m-1",
                    Set.of("member"),
                    Set.of());
    private final Person french =
            new Person(
                    "p-fr",
                    "fr@example.org",
                    "Amina Benali",
                    "fr",
                    "m-1",
                    Set.of("member"),
                    Set.of());

    @Test
    void aCutOffIsAnInstantInUtcWithItsConsolePage() throws Exception {
        Calendar calendar =
                parse(renderer.render(english, List.of(call("c-1", 1, CUT_OFF, false))));

        assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("Cluster deadlines: Bruno Peeters");
        assertThat(value(calendar, "VERSION")).isEqualTo("2.0");
        assertThat(value(calendar, "PRODID")).isEqualTo(CalendarRenderer.PRODUCT);
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        VEvent event = events.getFirst();
        assertThat(prop(event, "UID")).isEqualTo("call-c-1-1@notifications.cluster.coop");
        assertThat(prop(event, "DTSTART")).isEqualTo("20270315T170000Z");
        assertThat(event.getProperty("DTSTART").orElseThrow().getParameters()).isEmpty();
        java.time.temporal.Temporal start = event.getStartDate().orElseThrow().getDate();
        assertThat(start).isInstanceOf(java.time.OffsetDateTime.class);
        assertThat(((java.time.OffsetDateTime) start).getOffset())
                .isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(Instant.from(start)).isEqualTo(CUT_OFF);
        assertThat(prop(event, "SUMMARY")).isEqualTo("Cut-off: Olive robots call");
        assertThat(prop(event, "DESCRIPTION"))
                .isEqualTo(
                        "Submission cut-off of the funding call \"Olive robots call\" (Horizon"
                                + " Europe): 2027-03-15 17:00 UTC.\n"
                                + "https://console.example.org/calls/c-1");
        assertThat(prop(event, "URL")).isEqualTo("https://console.example.org/calls/c-1");
        assertThat(prop(event, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(prop(event, "DTSTAMP")).isEqualTo("20261201T093000Z");
        assertThat(prop(event, "TRANSP")).isEqualTo("TRANSPARENT");
    }

    @Test
    void anInvoiceIsDueOnAnAllDayDate() throws Exception {
        DatedItem invoice =
                new DatedItem(
                        CalendarItems.uid(DatedItem.Kind.INVOICE_DUE, "inv-9", 0),
                        DatedItem.Kind.INVOICE_DUE,
                        "inv-9",
                        LocalDate.of(2027, 1, 31),
                        "2027",
                        "1200.00 EUR",
                        false,
                        1,
                        CHANGED);
        String text = renderer.render(french, List.of(invoice));
        VEvent event = parse(text).<VEvent>getComponents("VEVENT").getFirst();

        assertThat(text)
                .contains("DTSTART;VALUE=DATE:20270131")
                .contains("DTEND;VALUE=DATE:20270201");
        assertThat(event.getStartDate().orElseThrow().getDate())
                .isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(prop(event, "SUMMARY")).isEqualTo("Échéance de la cotisation 2027");
        assertThat(prop(event, "DESCRIPTION"))
                .startsWith(
                        "La cotisation 2027 de votre organisation (1200.00 EUR)"
                                + " est due ce jour.")
                .endsWith("https://console.example.org/invoices");
        assertThat(prop(event, "UID")).isEqualTo("invoice-inv-9@notifications.cluster.coop");
    }

    @Test
    void theTextsAreInThePersonsLanguage() throws Exception {
        List<DatedItem> items =
                List.of(call("c-1", 1, CUT_OFF, false), vote("v-1"), invitation("i-1"));
        Calendar fr = parse(renderer.render(french, items));
        Calendar en = parse(renderer.render(english, items));

        assertThat(value(fr, "X-WR-CALNAME")).isEqualTo("Échéances du cluster : Amina Benali");
        assertThat(summaries(fr))
                .containsExactly(
                        "Date limite : Olive robots call",
                        "Fin du vote du conseil : Budget 2027",
                        "Fin de l’invitation : Olive robots");
        assertThat(summaries(en))
                .containsExactly(
                        "Cut-off: Olive robots call",
                        "Council vote closes: Budget 2027",
                        "Invitation expires: Olive robots");
        VEvent frVote = fr.<VEvent>getComponents("VEVENT").get(1);
        assertThat(prop(frVote, "DESCRIPTION"))
                .startsWith(
                        "Le vote du conseil sur « Budget 2027 » se clôt le"
                                + " 2027-01-10 12:00 UTC.");
        assertThat(prop(frVote, "URL"))
                .isEqualTo("https://console.example.org/council/proposals/v-1");
    }

    @Test
    void aMovedCutOffKeepsItsUidAndACancelledOneSaysSo() throws Exception {
        Instant moved = Instant.parse("2027-04-01T15:00:00Z");
        VEvent before =
                parse(renderer.render(english, List.of(call("c-1", 1, CUT_OFF, false))))
                        .<VEvent>getComponents("VEVENT")
                        .getFirst();
        VEvent after =
                parse(renderer.render(english, List.of(call("c-1", 2, moved, false))))
                        .<VEvent>getComponents("VEVENT")
                        .getFirst();
        VEvent cancelled =
                parse(renderer.render(english, List.of(call("c-1", 3, moved, true))))
                        .<VEvent>getComponents("VEVENT")
                        .getFirst();

        assertThat(prop(after, "UID")).isEqualTo(prop(before, "UID"));
        assertThat(prop(after, "DTSTART")).isEqualTo("20270401T150000Z");
        assertThat(prop(after, "SEQUENCE")).isEqualTo("2");
        assertThat(prop(cancelled, "UID")).isEqualTo(prop(before, "UID"));
        assertThat(prop(cancelled, "STATUS")).isEqualTo("CANCELLED");
        assertThat(prop(cancelled, "DESCRIPTION")).startsWith("No longer applies.");
    }

    @Test
    void theSameItemsGiveTheSameBytesAndAnEmptyCalendarIsValid() throws Exception {
        List<DatedItem> items = List.of(call("c-1", 1, CUT_OFF, false), vote("v-1"));
        assertThat(renderer.render(english, items)).isEqualTo(renderer.render(english, items));
        String empty = renderer.render(english, List.of());
        assertThat(parse(empty).getComponents("VEVENT")).isEmpty();
        assertThat(empty).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
    }

    @Test
    void aCallDocumentGivesOneEventPerCutOffNumberedInOrder() {
        Document call =
                new Document("_id", "call:c-7")
                        .append("kind", "call")
                        .append("ref", "c-7")
                        .append("title", "Twin transition")
                        .append("cancelled", false)
                        .append("sequence", 2)
                        .append("updatedAt", java.util.Date.from(CHANGED))
                        .append(
                                "starts",
                                List.of(
                                        java.util.Date.from(CUT_OFF),
                                        java.util.Date.from(
                                                Instant.parse("2027-09-15T17:00:00Z"))));
        Document unknown =
                new Document("_id", "call:c-8")
                        .append("kind", "call")
                        .append("ref", "c-8")
                        .append("cancelled", true)
                        .append("sequence", 1)
                        .append("updatedAt", java.util.Date.from(CHANGED));

        assertThat(CalendarItems.items(CalendarItemStore.item(call)))
                .extracting(DatedItem::uid)
                .containsExactly(
                        "call-c-7-1@notifications.cluster.coop",
                        "call-c-7-2@notifications.cluster.coop");
        assertThat(CalendarItems.items(CalendarItemStore.item(call)))
                .extracting(DatedItem::start)
                .containsExactly(CUT_OFF, Instant.parse("2027-09-15T17:00:00Z"));
        assertThat(CalendarItems.items(CalendarItemStore.item(unknown))).isEmpty();
    }

    @Test
    void anExchangeEventHasItsEndPlaceAndTitleInThePersonsLanguageAndMakesThemBusy()
            throws Exception {
        DatedItem workshop =
                new DatedItem(
                        "event-e-1@notifications.cluster.coop",
                        DatedItem.Kind.EVENT,
                        "e-1",
                        Instant.parse("2027-03-04T09:00:00Z"),
                        "Atelier robotique",
                        "Gembloux",
                        false,
                        2,
                        CHANGED,
                        Instant.parse("2027-03-04T12:00:00Z"),
                        "Gembloux",
                        "Robotics workshop");
        VEvent en =
                parse(renderer.render(english, List.of(workshop)))
                        .<VEvent>getComponents("VEVENT")
                        .getFirst();
        assertThat(prop(en, "SUMMARY")).isEqualTo("Robotics workshop");
        assertThat(prop(en, "DTSTART")).isEqualTo("20270304T090000Z");
        assertThat(prop(en, "DTEND")).isEqualTo("20270304T120000Z");
        assertThat(prop(en, "LOCATION")).isEqualTo("Gembloux");
        assertThat(prop(en, "TRANSP")).isEqualTo("OPAQUE");
        assertThat(prop(en, "URL")).isEqualTo("https://console.example.org/events/e-1");
        assertThat(prop(en, "DESCRIPTION"))
                .isEqualTo(
                        "The cluster's event \"Robotics workshop\", 2027-03-04 09:00 – 2027-03-04"
                                + " 12:00 UTC. You hold a place.\n"
                                + "https://console.example.org/events/e-1");
        VEvent fr =
                parse(renderer.render(french, List.of(workshop)))
                        .<VEvent>getComponents("VEVENT")
                        .getFirst();
        assertThat(prop(fr, "SUMMARY")).isEqualTo("Atelier robotique");
        assertThat(prop(fr, "DESCRIPTION"))
                .startsWith("L’événement du cluster « Atelier robotique »");
    }

    private static DatedItem call(String id, int sequence, Instant cutOff, boolean cancelled) {
        return new DatedItem(
                CalendarItems.uid(DatedItem.Kind.CALL_CUT_OFF, id, 1),
                DatedItem.Kind.CALL_CUT_OFF,
                id,
                cutOff,
                "Olive robots call",
                "Horizon Europe",
                cancelled,
                sequence,
                CHANGED);
    }

    private static DatedItem vote(String id) {
        return new DatedItem(
                CalendarItems.uid(DatedItem.Kind.VOTE_DEADLINE, id, 0),
                DatedItem.Kind.VOTE_DEADLINE,
                id,
                Instant.parse("2027-01-10T12:00:00Z"),
                "Budget 2027",
                null,
                false,
                1,
                CHANGED);
    }

    private static DatedItem invitation(String id) {
        return new DatedItem(
                CalendarItems.uid(DatedItem.Kind.INVITATION_EXPIRY, id, 0),
                DatedItem.Kind.INVITATION_EXPIRY,
                id,
                Instant.parse("2027-02-01T00:00:00Z"),
                "Olive robots",
                null,
                false,
                1,
                CHANGED);
    }

    static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }

    private static String value(Calendar calendar, String name) {
        return calendar.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static String prop(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static List<String> summaries(Calendar calendar) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .map(e -> prop(e, "SUMMARY"))
                .toList();
    }
}
