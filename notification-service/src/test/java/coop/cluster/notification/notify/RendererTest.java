package coop.cluster.notification.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each kind written in French and in English, text and HTML, with its link, and the unsubscribe
 * link when given.
 */
class RendererTest {

    private final Renderer renderer = new Renderer();

    @Test
    void writesAnInvitationInFrench() {
        Rendered mail =
                renderer.render(
                        Kind.PROJECT_INVITATION,
                        Locale.FRENCH,
                        "Amina",
                        Map.of(
                                "projectTitle",
                                "Robots oléicoles",
                                "role",
                                "optique",
                                "expiresAt",
                                Instant.parse("2026-12-21T09:30:00Z"),
                                "organisation",
                                "Atlas Agritech SARL"),
                        "http://127.0.0.1:8080/home#invitations",
                        null);
        assertThat(mail.subject()).isEqualTo("Invitation au projet Robots oléicoles");
        assertThat(mail.summary())
                .isEqualTo(
                        "Atlas Agritech SARL est invitée à participer au projet Robots oléicoles en"
                                + " tant que optique. L’invitation est ouverte jusqu’au 21 décembre"
                                + " 2026 à 09:30 UTC.");
        assertThat(mail.text())
                .startsWith("Bonjour Amina,")
                .contains("Répondre à l’invitation : " + "http://127.0.0.1:8080/home#invitations")
                .doesNotContain("Ne plus recevoir");
        assertThat(mail.html())
                .contains("<html lang=\"fr\">")
                .contains("href=\"http://127.0.0.1:8080/home#invitations\"")
                .contains("Bonjour Amina,");
    }

    @Test
    void writesAnInvoiceInEnglish() {
        Rendered mail =
                renderer.render(
                        Kind.INVOICE_ISSUED,
                        Locale.ENGLISH,
                        "Bruno",
                        Map.of(
                                "feeYear",
                                2027,
                                "amount",
                                "450.00",
                                "currency",
                                "EUR",
                                "dueDate",
                                LocalDate.of(2027, 1, 31),
                                "organisation",
                                "Brabant Photonics SA"),
                        "http://127.0.0.1:8080/invoices",
                        null);
        assertThat(mail.subject()).isEqualTo("Membership fee 2027: invoice issued");
        assertThat(mail.summary())
                .isEqualTo(
                        "Brabant Photonics SA is invoiced its membership fee for 2027: 450.00 EUR,"
                                + " due on 31 January 2027.");
        assertThat(mail.text())
                .startsWith("Hello Bruno,")
                .contains("See the invoice: http://127.0.0.1:8080/invoices");
        assertThat(mail.html()).contains("<html lang=\"en\">");
    }

    @Test
    void translatesTheOutcomeOfAVote() {
        Map<String, Object> args =
                Map.of(
                        "title",
                        "Fees 2027",
                        "outcome",
                        new Phrase("outcome.quorum-not-met"),
                        "forVotes",
                        1,
                        "against",
                        0,
                        "abstain",
                        0);
        assertThat(
                        renderer.render(Kind.VOTE_RESULT, Locale.FRENCH, "Camille", args, "x", null)
                                .subject())
                .isEqualTo("Vote du conseil clos : Fees 2027 (rejetée, quorum non atteint)");
        assertThat(
                        renderer.render(Kind.VOTE_RESULT, Locale.ENGLISH, "Dario", args, "x", null)
                                .subject())
                .isEqualTo("Council vote closed: Fees 2027 (rejected, quorum not met)");
    }

    @Test
    void aNonEssentialKindCarriesItsUnsubscribeLinkInBothParts() {
        Rendered mail =
                renderer.render(
                        Kind.REPORT_PUBLISHED,
                        Locale.ENGLISH,
                        "Bruno",
                        Map.of(
                                "periodId",
                                "2026-Q4",
                                "from",
                                LocalDate.of(2026, 10, 1),
                                "to",
                                LocalDate.of(2026, 12, 31),
                                "revision",
                                1),
                        "http://127.0.0.1:8080/reports/2026-Q4",
                        "http://127.0.0.1:8080/api/notifications/unsubscribe?token=abc");
        assertThat(mail.summary()).contains("1 October 2026 to 31 December 2026");
        assertThat(mail.text())
                .contains(
                        "Stop these messages: http://127.0.0.1:8080/api/notifications/unsubscribe"
                                + "?token=abc");
        assertThat(mail.html())
                .contains("href=\"http://127.0.0.1:8080/api/notifications/unsubscribe?token=abc\"");
    }

    @Test
    void everyKindHasItsTextsInBothLanguages() {
        for (Kind kind : Kind.values()) {
            for (Locale locale : new Locale[] {Locale.FRENCH, Locale.ENGLISH}) {
                Rendered mail = renderer.render(kind, locale, "X", Map.of(), "http://x/", null);
                assertThat(mail.subject()).as(kind + " " + locale).doesNotContain("notification.");
                assertThat(mail.summary()).as(kind + " " + locale).isNotBlank();
            }
        }
    }

    @Test
    void writesAMatchedCallInBothLanguages() {
        Map<String, Object> args =
                Map.of(
                        "title",
                        "Robots oléicoles",
                        "programme",
                        "Horizon Europe",
                        "deadline",
                        Instant.parse("2027-03-01T17:00:00Z"),
                        "target",
                        new Phrase("target.watch.named", "Robotique agricole"));
        Rendered fr =
                renderer.render(
                        Kind.CALL_MATCHED,
                        Locale.FRENCH,
                        "Amina",
                        args,
                        "http://127.0.0.1:8080/calls/c1",
                        "http://127.0.0.1:8080/api/notifications/unsubscribe?token=abc");
        assertThat(fr.subject())
                .isEqualTo("Nouvel appel à financement pour votre organisation : Robots oléicoles");
        assertThat(fr.summary())
                .isEqualTo(
                        "L’appel à financement Robots oléicoles (Horizon Europe) correspond à la"
                            + " veille Robotique agricole de votre organisation. Prochaine clôture"
                            + " : 1 mars 2027 à 17:00 UTC.");
        assertThat(fr.text()).contains("Voir l’appel : http://127.0.0.1:8080/calls/c1");
        Rendered en =
                renderer.render(
                        Kind.CALL_MATCHED,
                        Locale.ENGLISH,
                        "Bruno",
                        Map.of(
                                "title",
                                "Olive robots",
                                "programme",
                                new Phrase("programme.none"),
                                "deadline",
                                new Phrase("deadline.none"),
                                "target",
                                new Phrase("target.member")),
                        "http://127.0.0.1:8080/calls/c1",
                        null);
        assertThat(en.subject()).isEqualTo("New funding call for your organisation: Olive robots");
        assertThat(en.summary())
                .isEqualTo(
                        "The funding call Olive robots (programme not given) matches your"
                                + " organisation's profile. Next cut-off: not given yet.");
        assertThat(
                        renderer.render(
                                        Kind.CALL_MATCHED,
                                        Locale.ENGLISH,
                                        "Bruno",
                                        Map.of("target", new Phrase("target.watch.named", "Agri")),
                                        "x",
                                        null)
                                .summary())
                .contains("matches your organisation's saved watch Agri.");
        assertThat(
                        renderer.renderDigest(
                                        "burst",
                                        Kind.CALL_MATCHED,
                                        Locale.FRENCH,
                                        "Amina",
                                        List.of(
                                                new Renderer.DigestItem(
                                                        Kind.CALL_MATCHED, "t", "s", "l", null)),
                                        200,
                                        "i",
                                        "p",
                                        null)
                                .subject())
                .isEqualTo("200 nouveaux appels à financement pour votre organisation");
    }

    @Test
    void writesADailyDigestGroupedByKindInThePersonsLanguage() {
        List<Renderer.DigestItem> items =
                List.of(
                        new Renderer.DigestItem(
                                Kind.REPORT_PUBLISHED,
                                "Rapport financier 2026-Q4 publié",
                                "Le rapport…",
                                "http://127.0.0.1:8080/reports/2026-Q4",
                                Instant.parse("2026-12-07T09:30:00Z")),
                        new Renderer.DigestItem(
                                Kind.CALL_DEADLINE,
                                "Clôture dans 7 jours : Robots",
                                "L’appel…",
                                "http://127.0.0.1:8080/calls/c1",
                                Instant.parse("2026-12-07T10:00:00Z")));
        Rendered fr =
                renderer.renderDigest(
                        "daily",
                        null,
                        Locale.FRENCH,
                        "Amina",
                        items,
                        2,
                        "http://127.0.0.1:8080/inbox",
                        "http://127.0.0.1:8080/inbox/preferences",
                        null);
        assertThat(fr.subject()).isEqualTo("Votre résumé du jour : 2 notifications");
        assertThat(fr.text())
                .startsWith("Bonjour Amina,")
                .contains("== Rapports financiers ==")
                .contains("== Clôtures d’appels à financement ==")
                .contains("- Rapport financier 2026-Q4 publié")
                .contains("http://127.0.0.1:8080/calls/c1")
                .contains("7 décembre 2026 à 09:30 UTC")
                .contains(
                        "Choisir comment recevoir chaque type de message :"
                                + " http://127.0.0.1:8080/inbox/preferences")
                .doesNotContain("de plus dans votre boîte")
                .doesNotContain("Ne plus recevoir");
        assertThat(fr.html())
                .contains("<html lang=\"fr\">")
                .contains("href=\"http://127.0.0.1:8080/reports/2026-Q4\"")
                .contains("<h3");
        Rendered en =
                renderer.renderDigest(
                        "weekly",
                        null,
                        Locale.ENGLISH,
                        "Bruno",
                        items.subList(0, 1),
                        7,
                        "http://127.0.0.1:8080/inbox",
                        "http://127.0.0.1:8080/inbox/preferences",
                        null);
        assertThat(en.subject()).isEqualTo("Your weekly summary: 7 notifications");
        assertThat(en.text())
                .startsWith("Hello Bruno,")
                .contains("... and 6 more in your inbox: " + "http://127.0.0.1:8080/inbox");
    }

    @Test
    void writesABurstOfOneKindUnderItsOwnSubjectWithItsUnsubscribeLink() {
        List<Renderer.DigestItem> items =
                List.of(
                        new Renderer.DigestItem(
                                Kind.REPORT_PUBLISHED,
                                "Financial report 2026-Q3 published",
                                "s",
                                "x",
                                null),
                        new Renderer.DigestItem(
                                Kind.REPORT_PUBLISHED,
                                "Financial report 2026-Q4 published",
                                "s",
                                "y",
                                null));
        Rendered en =
                renderer.renderDigest(
                        "burst",
                        Kind.REPORT_PUBLISHED,
                        Locale.ENGLISH,
                        "Bruno",
                        items,
                        2,
                        "http://i",
                        "http://p",
                        "http://127.0.0.1:8080/api/notifications/unsubscribe?token=abc");
        assertThat(en.subject()).isEqualTo("2 financial reports published");
        assertThat(en.text())
                .doesNotContain("==")
                .contains(
                        "Stop these messages: "
                                + "http://127.0.0.1:8080/api/notifications/unsubscribe?token=abc");
        assertThat(
                        renderer.renderDigest(
                                        "burst",
                                        Kind.REPORT_PUBLISHED,
                                        Locale.FRENCH,
                                        "Amina",
                                        items,
                                        2,
                                        "http://i",
                                        "http://p",
                                        null)
                                .subject())
                .isEqualTo("2 rapports financiers publiés");
    }

    @Test
    void everyNonEssentialKindHasItsBurstSubjectAndEveryKindItsLabelInBothLanguages() {
        for (Kind kind : Kind.notices()) {
            for (Locale locale : new Locale[] {Locale.FRENCH, Locale.ENGLISH}) {
                Rendered digest =
                        renderer.renderDigest(
                                kind.essential() ? "daily" : "burst",
                                kind,
                                locale,
                                "X",
                                List.of(new Renderer.DigestItem(kind, "t", "s", "l", null)),
                                3,
                                "i",
                                "p",
                                null);
                assertThat(digest.subject())
                        .as(kind + " " + locale)
                        .contains("3")
                        .doesNotContain("burst");
                assertThat(digest.text()).as(kind + " " + locale).doesNotContain("kind.");
                if (!kind.essential()) {
                    assertThat(digest.subject())
                            .as(kind + " " + locale)
                            .doesNotContain("notifications :")
                            .doesNotContain("notifications:");
                }
            }
        }
    }

    private static final Instant WORKSHOP = Instant.parse("2027-03-04T09:00:00Z");

    private Rendered activity(Kind kind, Locale locale, Map<String, Object> more) {
        Map<String, Object> args = new java.util.HashMap<>();
        args.put("title", new Localized("Atelier robotique", "Robotics workshop"));
        args.put("startsAt", WORKSHOP);
        args.put("where", new Phrase("activity.where.place", "Gembloux"));
        args.putAll(more);
        return renderer.render(
                kind, locale, "Amina", args, "http://127.0.0.1:8080/events/e1", null);
    }

    @Test
    void writesARegistrationConfirmedInFrenchAndEnglish() {
        Rendered fr = activity(Kind.REGISTRATION_CONFIRMED, Locale.FRENCH, Map.of());
        assertThat(fr.subject()).isEqualTo("Inscription confirmée : Atelier robotique");
        assertThat(fr.summary())
                .isEqualTo(
                        "Votre place à Atelier robotique le 4 mars 2027 à 09:00 UTC est réservée"
                                + " (à Gembloux).");
        assertThat(fr.text()).contains("Voir l’événement : http://127.0.0.1:8080/events/e1");
        Rendered en = activity(Kind.REGISTRATION_CONFIRMED, Locale.ENGLISH, Map.of());
        assertThat(en.subject()).isEqualTo("Registration confirmed: Robotics workshop");
        assertThat(en.summary())
                .isEqualTo(
                        "Your place at Robotics workshop on 4 March 2027 at 09:00 UTC is held (at"
                                + " Gembloux).");
    }

    @Test
    void writesAPlaceOnTheWaitingListWithItsRankInFrenchAndEnglish() {
        Rendered fr = activity(Kind.REGISTRATION_WAITLISTED, Locale.FRENCH, Map.of("position", 3));
        assertThat(fr.subject()).isEqualTo("Liste d’attente : Atelier robotique (rang 3)");
        assertThat(fr.summary())
                .startsWith(
                        "Atelier robotique le 4 mars 2027 à 09:00 UTC (à Gembloux) est complet :"
                                + " vous êtes au rang 3 de la liste d’attente.");
        Rendered en = activity(Kind.REGISTRATION_WAITLISTED, Locale.ENGLISH, Map.of("position", 3));
        assertThat(en.subject()).isEqualTo("Waiting list: Robotics workshop (position 3)");
        assertThat(en.summary()).contains("you are number 3 on the waiting list");
    }

    @Test
    void writesAPromotionInFrenchAndEnglish() {
        Rendered fr = activity(Kind.REGISTRATION_PROMOTED, Locale.FRENCH, Map.of());
        assertThat(fr.subject()).isEqualTo("Une place pour vous : Atelier robotique");
        assertThat(fr.summary()).contains("elle est à vous").contains("annulez votre inscription");
        Rendered en = activity(Kind.REGISTRATION_PROMOTED, Locale.ENGLISH, Map.of());
        assertThat(en.subject()).isEqualTo("A place is yours: Robotics workshop");
        assertThat(en.summary())
                .startsWith(
                        "A place freed up at Robotics workshop on 4 March 2027 at 09:00 UTC (at"
                                + " Gembloux) and it is now yours.");
        assertThat(en.text()).doesNotContain("Stop these messages");
    }

    @Test
    void writesACancellationWithOrWithoutItsReasonInFrenchAndEnglish() {
        Rendered fr =
                activity(
                        Kind.EVENT_CANCELLED,
                        Locale.FRENCH,
                        Map.of("reason", new Phrase("activity.reason", "salle indisponible")));
        assertThat(fr.subject()).isEqualTo("Événement annulé : Atelier robotique");
        assertThat(fr.summary())
                .isEqualTo(
                        "Atelier robotique, prévu le 4 mars 2027 à 09:00 UTC, est annulé ; votre"
                                + " inscription ne tient plus. Raison : salle indisponible");
        Rendered en =
                activity(
                        Kind.EVENT_CANCELLED,
                        Locale.ENGLISH,
                        Map.of("reason", new Phrase("activity.reason.none")));
        assertThat(en.summary())
                .isEqualTo(
                        "Robotics workshop, planned on 4 March 2027 at 09:00 UTC, is cancelled;"
                                + " your registration no longer holds.");
    }

    @Test
    void writesANewEventInTheOtherLanguageWhenItHasNoTitleInTheOwn() {
        Map<String, Object> args = new java.util.HashMap<>();
        args.put("title", new Localized("Visite d’entreprise", null));
        args.put("startsAt", WORKSHOP);
        args.put("where", new Phrase("activity.where.both", "Liège", "https://meet.example/x"));
        Rendered en =
                renderer.render(
                        Kind.EVENT_PUBLISHED,
                        Locale.ENGLISH,
                        "Bruno",
                        args,
                        "http://127.0.0.1:8080/events/e2",
                        "http://127.0.0.1:8080/api/notifications/unsubscribe?token=t");
        assertThat(en.subject()).isEqualTo("New event: Visite d’entreprise");
        assertThat(en.summary())
                .isEqualTo(
                        "Visite d’entreprise on 4 March 2027 at 09:00 UTC (at Liège and online:"
                                + " https://meet.example/x): registrations are open.");
        assertThat(en.text()).contains("Register: http://127.0.0.1:8080/events/e2");
        Rendered fr =
                renderer.render(
                        Kind.EVENT_PUBLISHED,
                        Locale.FRENCH,
                        "Amina",
                        Map.of(
                                "title",
                                new Localized("Visite d’entreprise", "Company visit"),
                                "startsAt",
                                WORKSHOP,
                                "where",
                                new Phrase("activity.where.online", "https://meet.example/x")),
                        "http://127.0.0.1:8080/events/e2",
                        null);
        assertThat(fr.summary())
                .isEqualTo(
                        "Visite d’entreprise le 4 mars 2027 à 09:00 UTC (en ligne :"
                                + " https://meet.example/x) : les inscriptions sont ouvertes.");
    }
}
