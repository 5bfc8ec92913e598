package coop.cluster.notification.notify;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.notification.audience.Directory;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.events.Payloads;
import coop.cluster.notification.testing.People;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who hears about what: each kind reaches the people it concerns, and nobody of another
 * organisation.
 */
class EventNoticesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final String atlas = UUID.randomUUID().toString();
    private final String brabant = UUID.randomUUID().toString();
    private final String delta = UUID.randomUUID().toString();
    private final Person amina = People.contact(atlas, "fr");
    private final Person camille = People.delegate(atlas, "fr");
    private final Person bruno = People.contact(brabant, "en");
    private final Person dario = People.delegate(brabant, "en");
    private final Person delphine = People.contact(delta, "fr");
    private final Person farid = People.staff("fr", "finance");
    private final FakeDirectory directory =
            new FakeDirectory().with(amina, camille, bruno, dario, delphine, farid);
    private final EventNotices notices =
            new EventNotices(directory, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anInvitationGoesToTheInvitedOrganisationsPeopleOnly() {
        directory.names.put(brabant, "Brabant Photonics SA");
        var planned =
                notices.invitationSent(
                        event(
                                new Payloads.PartnerInvited(
                                        "i1",
                                        "p1",
                                        "Olive robots",
                                        brabant,
                                        "optics",
                                        NOW.plusSeconds(86400))));
        assertThat(planned.recipients()).containsExactlyInAnyOrder(bruno, dario);
        assertThat(planned.notice().kind()).isEqualTo(Kind.PROJECT_INVITATION);
        assertThat(planned.notice().path()).isEqualTo("home#invitations");
        assertThat(planned.notice().arguments())
                .containsEntry("organisation", "Brabant Photonics SA")
                .containsEntry("projectTitle", "Olive robots");
    }

    @Test
    void anAgreementVersionGoesToEveryPartnersPeople() {
        directory.projects.put(
                "p1", new Directory.ProjectSummary("p1", "Olive robots", atlas, Set.of(brabant)));
        var planned =
                notices.agreementProposed(
                        event(
                                new Payloads.AgreementProposed(
                                        "p1",
                                        new Payloads.Agreement(
                                                2,
                                                List.of(
                                                        new Payloads.Contribution(atlas),
                                                        new Payloads.Contribution(brabant))),
                                        NOW)));
        assertThat(planned.recipients())
                .containsExactlyInAnyOrder(amina, camille, bruno, dario)
                .doesNotContain(delphine);
        assertThat(planned.notice().path()).isEqualTo("projects/p1/sign");
        assertThat(planned.notice().arguments())
                .containsEntry("version", 2)
                .containsEntry("projectTitle", "Olive robots");
    }

    @Test
    void anAgreementOfAProjectNotYetInTheViewStillReachesItsContributors() {
        var planned =
                notices.agreementProposed(
                        event(
                                new Payloads.AgreementProposed(
                                        "p9",
                                        new Payloads.Agreement(
                                                1, List.of(new Payloads.Contribution(delta))),
                                        NOW)));
        assertThat(planned.recipients()).containsExactly(delphine);
    }

    @Test
    void votesGoToTheDelegatesByRoleOrAppointment() {
        directory.appointed.put(delta, delphine.id());
        var opened =
                notices.proposalTabled(
                        event(
                                new Payloads.ProposalTabled(
                                        "v1", "FEE_SCHEDULE", "Fees 2027", NOW.plusSeconds(3600))));
        assertThat(opened.recipients()).containsExactlyInAnyOrder(camille, dario, delphine);
        assertThat(opened.notice().kind()).isEqualTo(Kind.VOTE_OPENED);
        var result =
                notices.resolutionRejected(
                        event(
                                new Payloads.ResolutionRejected(
                                        "v1",
                                        "FEE_SCHEDULE",
                                        "Fees 2027",
                                        new Payloads.Tally(1, 2, 0, 3),
                                        "majority-not-reached")));
        assertThat(result.recipients()).containsExactlyInAnyOrder(camille, dario, delphine);
        assertThat(result.notice().arguments())
                .containsEntry("outcome", new Phrase("outcome.majority-not-reached"))
                .containsEntry("against", 2);
        assertThat(result.notice().path()).isEqualTo("council/proposals/v1");
    }

    @Test
    void invoicesGoToTheMembersPeopleAndAnExemptOneToNobody() {
        var issued =
                notices.feeInvoiced(
                        event(
                                new Payloads.FeeInvoiced(
                                        "f1",
                                        atlas,
                                        2027,
                                        "EUR",
                                        "450.00",
                                        "OPEN",
                                        LocalDate.of(2027, 1, 31))));
        assertThat(issued)
                .get()
                .extracting(EventNotices.Planned::recipients)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder(amina, camille);
        assertThat(
                        notices.feeInvoiced(
                                event(
                                        new Payloads.FeeInvoiced(
                                                "f2",
                                                atlas,
                                                2027,
                                                "EUR",
                                                "0.00",
                                                "EXEMPT",
                                                LocalDate.of(2027, 1, 31)))))
                .isEmpty();
        var overdue =
                notices.feeOverdue(
                        event(
                                new Payloads.FeeOverdue(
                                        "f1",
                                        brabant,
                                        2027,
                                        "450.00",
                                        "EUR",
                                        LocalDate.of(2027, 1, 31),
                                        30)));
        assertThat(overdue.recipients()).containsExactlyInAnyOrder(bruno, dario);
        assertThat(overdue.notice().kind()).isEqualTo(Kind.INVOICE_OVERDUE);
    }

    @Test
    void anAdmissionReachesTheApplicantWhoIsNotYetInTheOrganisation() {
        String newcomer = UUID.randomUUID().toString();
        Person nadia = People.contact(null, "en");
        directory.with(nadia);
        directory.applicants.put(newcomer, nadia.id());
        var planned =
                notices.memberAdmitted(
                        event(
                                new Payloads.MemberAdmitted(
                                        newcomer, new Payloads.Profile("Nadia Labs"), NOW)),
                        "Nadia Labs");
        assertThat(planned.recipients()).containsExactly(nadia);
        assertThat(planned.notice().arguments()).containsEntry("organisation", "Nadia Labs");
    }

    @Test
    void aReportGoesToEveryone() {
        var planned =
                notices.reportPublished(
                        event(
                                new Payloads.ReportPublished(
                                        "2026-Q4",
                                        LocalDate.of(2026, 10, 1),
                                        LocalDate.of(2026, 12, 31),
                                        1)));
        assertThat(planned.recipients())
                .containsExactlyInAnyOrder(amina, camille, bruno, dario, delphine, farid);
        assertThat(planned.notice().kind().essential()).isFalse();
    }

    @Test
    void aCutOffGoesToTheOrganisationsWhoseWatchMatchedTheCall() {
        directory.watchers.put("c1", Set.of(delta));
        var planned =
                notices.deadlineApproaching(
                        event(
                                new Payloads.DeadlineApproaching(
                                        "c1",
                                        "Robots for olives",
                                        "Horizon Europe",
                                        "https://example.org/c1",
                                        NOW.plusSeconds(7 * 86400),
                                        7)));
        assertThat(planned.recipients()).containsExactly(delphine);
        assertThat(
                        notices.deadlineApproaching(
                                        event(
                                                new Payloads.DeadlineApproaching(
                                                        "c2", "Unwatched", "X", null, NOW, 1)))
                                .recipients())
                .isEmpty();
    }

    @Test
    void aMatchedCallGoesToTheMatchedOrganisationsPeopleOncePerCall() {
        Payloads.MatchedCall call =
                new Payloads.MatchedCall(
                        "Robots for olives",
                        "Horizon Europe",
                        List.of(
                                NOW.minusSeconds(86400),
                                NOW.plusSeconds(30 * 86400),
                                NOW.plusSeconds(90 * 86400)));
        var profile =
                notices.opportunityMatched(
                                event(
                                        new Payloads.OpportunityMatched(
                                                "o1",
                                                "c1",
                                                call,
                                                new Payloads.Target(
                                                        "member", atlas, "Atlas Agritech SARL"),
                                                List.of(atlas))))
                        .orElseThrow();
        assertThat(profile.recipients()).containsExactlyInAnyOrder(amina, camille);
        assertThat(profile.notice().kind()).isEqualTo(Kind.CALL_MATCHED);
        assertThat(profile.notice().kind().essential()).isFalse();
        assertThat(profile.notice().path()).isEqualTo("calls/c1");
        assertThat(profile.notice().arguments())
                .containsEntry("title", "Robots for olives")
                .containsEntry("programme", "Horizon Europe")
                .containsEntry("deadline", NOW.plusSeconds(30 * 86400))
                .containsEntry("target", new Phrase("target.member.named", "Atlas Agritech SARL"));
        // the same call through a group of two organisations: the same notice key, so atlas's
        // people hear it once
        var group =
                notices.opportunityMatched(
                                event(
                                        new Payloads.OpportunityMatched(
                                                "o2",
                                                "c1",
                                                call,
                                                new Payloads.Target("group", "g1", null),
                                                List.of(atlas, brabant))))
                        .orElseThrow();
        assertThat(group.recipients())
                .containsExactlyInAnyOrder(amina, camille, bruno, dario)
                .doesNotContain(delphine);
        assertThat(group.notice().key())
                .isEqualTo(profile.notice().key())
                .isEqualTo("call-matched:c1");
        assertThat(group.notice().eventId()).isNotEqualTo(profile.notice().eventId());
        assertThat(group.notice().arguments()).containsEntry("target", new Phrase("target.group"));

        var bare =
                notices.opportunityMatched(
                                event(
                                        new Payloads.OpportunityMatched(
                                                "o3", "c2", null, null, List.of(delta))))
                        .orElseThrow();
        assertThat(bare.recipients()).containsExactly(delphine);
        assertThat(bare.notice().arguments())
                .containsEntry("deadline", new Phrase("deadline.none"))
                .containsEntry("programme", new Phrase("programme.none"));
        assertThat(
                        notices.opportunityMatched(
                                event(
                                        new Payloads.OpportunityMatched(
                                                "o4",
                                                "c3",
                                                call,
                                                new Payloads.Target("member", delta, null),
                                                List.of()))))
                .isEmpty();
    }

    @Test
    void aRegistrationsNoticesGoToItsPersonWithTheEventFromTheView() {
        directory.activities.put(
                "e1",
                new Directory.Activity(
                        "e1",
                        "Atelier",
                        "Workshop",
                        "Gembloux",
                        null,
                        NOW.plusSeconds(86400),
                        NOW.plusSeconds(90000)));
        var confirmed =
                notices.registrationConfirmed(
                        event(new Payloads.RegistrationConfirmed("e1", "r1", bruno.id(), brabant)));
        assertThat(confirmed.recipients()).containsExactly(bruno);
        assertThat(confirmed.notice().kind()).isEqualTo(Kind.REGISTRATION_CONFIRMED);
        assertThat(confirmed.notice().path()).isEqualTo("events/e1");
        assertThat(confirmed.notice().arguments())
                .containsEntry("title", new Localized("Atelier", "Workshop"))
                .containsEntry("startsAt", NOW.plusSeconds(86400))
                .containsEntry("where", new Phrase("activity.where.place", "Gembloux"));
        var waitlisted =
                notices.registrationWaitlisted(
                        event(
                                new Payloads.RegistrationWaitlisted(
                                        "e1", "r2", amina.id(), atlas, 2)));
        assertThat(waitlisted.recipients()).containsExactly(amina);
        assertThat(waitlisted.notice().arguments()).containsEntry("position", 2);
        var promoted =
                notices.registrationPromoted(
                        event(new Payloads.RegistrationPromoted("e1", "r2", amina.id(), atlas)));
        assertThat(promoted.recipients()).containsExactly(amina);
        assertThat(promoted.notice().kind().essential()).isTrue();
        var unknown =
                notices.registrationConfirmed(
                        event(new Payloads.RegistrationConfirmed("e1", "r3", "nobody", atlas)));
        assertThat(unknown.recipients()).isEmpty();
    }

    @Test
    void aCancelledEventGoesToEveryoneItListsOnce() {
        var planned =
                notices.eventCancelled(
                        event(
                                new Payloads.EventCancelled(
                                        "e1",
                                        null,
                                        List.of(bruno.id(), amina.id(), bruno.id(), "unknown"),
                                        NOW)));
        assertThat(planned.recipients()).containsExactly(bruno, amina);
        assertThat(planned.notice().kind()).isEqualTo(Kind.EVENT_CANCELLED);
        assertThat(planned.notice().arguments())
                .containsEntry("reason", new Phrase("activity.reason.none"))
                .containsEntry("startsAt", new Phrase("activity.date.none"));
    }

    @Test
    void aNewEventGoesToTheMembersPeopleButAGroupsToNobody() {
        for (String audience : List.of("ALL_MEMBERS", "OPEN_TO_GUESTS")) {
            var planned =
                    notices.eventPublished(event(published("e2", audience, null))).orElseThrow();
            assertThat(planned.recipients())
                    .as(audience)
                    .containsExactlyInAnyOrder(amina, camille, bruno, dario, delphine)
                    .doesNotContain(farid);
            assertThat(planned.notice().kind()).isEqualTo(Kind.EVENT_PUBLISHED);
            assertThat(planned.notice().arguments())
                    .containsEntry("where", new Phrase("activity.where.online", "https://x"));
        }
        assertThat(notices.eventPublished(event(published("e3", "GROUP", "g1")))).isEmpty();
    }

    private static Payloads.EventPublished published(String id, String audience, String group) {
        return new Payloads.EventPublished(
                id,
                "WORKSHOP",
                "Atelier",
                "Workshop",
                null,
                "https://x",
                NOW.plusSeconds(86400),
                NOW.plusSeconds(90000),
                audience,
                group);
    }

    private static <T> ReceivedEvent<T> event(T data) {
        return new ReceivedEvent<>(
                UUID.randomUUID().toString(), "test", "/test", null, NOW, null, data);
    }
}
