package coop.cluster.fundingwatch.profile;

import static coop.cluster.fundingwatch.profile.Events.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verifyNoInteractions;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** How membership's member events become writes of {@code member_profiles}. */
class MemberProfilesTest {

    private static final String M = "cluster.membership.member.";
    private static final String ADMITTED = M + "admitted.v1";

    private final ViewWriterFixture fixture = new ViewWriterFixture();
    private final MemberProfiles profiles = new MemberProfiles(fixture.writer, fixture.members);

    private static final MembershipEvents.Profile PROFILE =
            new MembershipEvents.Profile(
                    "Atelier Bois SCOP",
                    "FR",
                    "FRK26",
                    List.of("C16.23"),
                    List.of("timber frames", "CNC"),
                    "Timber for low-carbon buildings");

    @Test
    void theSubscriptionReadsTheMembersTopicUnderItsOwnName() {
        EventSubscription subscription = profiles.memberProfilesSubscription();

        assertThat(subscription.name()).isEqualTo("member-profiles");
        assertThat(subscription.topics()).containsExactly("membership.members");
    }

    @Test
    void anAdmissionWritesTheStatusItCarriesTheProfileAndTheTimeOfTheWrite() {
        var event =
                received(
                        ADMITTED,
                        new MembershipEvents.WithProfile("m-1", "ACTIVE", null, null, PROFILE));

        profiles.profile(event);

        Document set =
                fixture.update(ViewKind.MEMBER, "m-1", event.id()).get("$set", Document.class);
        assertThat(set)
                .containsEntry("status", "ACTIVE")
                .containsEntry("legalName", "Atelier Bois SCOP")
                .containsEntry("country", "FR")
                .containsEntry("region", "FRK26")
                .containsEntry("sectors", List.of("C16.23"))
                .containsEntry("competences", List.of("timber frames", "CNC"))
                .containsEntry("description", "Timber for low-carbon buildings")
                .containsEntry("updatedAt", Date.from(ViewWriterFixture.NOW));
        assertThat(fixture.count(ViewKind.MEMBER, "applied")).isEqualTo(1);
        assertThat(fixture.count(ViewKind.MEMBER, "duplicate")).isZero();
    }

    @Test
    void aProfileChangeCarriesItsStatusAndReplacesTheWholeProfile() {
        var profile =
                new MembershipEvents.Profile(
                        "Atelier Bois", "FR", null, null, Arrays.asList("CNC", null), null);
        var event =
                received(
                        M + "profile-changed.v1",
                        new MembershipEvents.WithProfile("m-1", "SUSPENDED", null, null, profile));

        profiles.profile(event);

        Document set =
                fixture.update(ViewKind.MEMBER, "m-1", event.id()).get("$set", Document.class);
        assertThat(set)
                .containsEntry("status", "SUSPENDED")
                .containsEntry("legalName", "Atelier Bois")
                .containsEntry("region", null)
                .containsEntry("sectors", List.of())
                .containsEntry("competences", List.of("CNC"))
                .containsEntry("description", null);
    }

    @Test
    void theStatusIsTheOneTheEventCarriesWhateverItsType() {
        var applied =
                received(
                        M + "applied.v1",
                        new MembershipEvents.WithProfile("m-1", "APPLIED", null, null, PROFILE));
        var reinstated =
                received(M + "reinstated.v1", new MembershipEvents.StatusChange("m-2", "ACTIVE"));
        var excluded =
                received(M + "excluded.v1", new MembershipEvents.StatusChange("m-3", "EXCLUDED"));

        profiles.profile(applied);
        profiles.status(reinstated);
        profiles.status(excluded);

        assertThat(fixture.update(ViewKind.MEMBER, "m-1", applied.id()).get("$set", Document.class))
                .containsEntry("status", "APPLIED");
        assertThat(
                        fixture.update(ViewKind.MEMBER, "m-2", reinstated.id())
                                .get("$set", Document.class))
                .containsEntry("status", "ACTIVE");
        assertThat(
                        fixture.update(ViewKind.MEMBER, "m-3", excluded.id())
                                .get("$set", Document.class))
                .containsEntry("status", "EXCLUDED");
    }

    @Test
    void anApplicationFallsBackOnItsOwnLegalNameAndCountry() {
        var partial =
                new MembershipEvents.Profile(null, null, "FRK26", List.of(), List.of(), "new");
        var withProfile =
                received(
                        M + "applied.v1",
                        new MembershipEvents.WithProfile(
                                "m-1", "APPLIED", "Coop Alpha", "BE", partial));
        var withoutProfile =
                received(
                        M + "applied.v1",
                        new MembershipEvents.WithProfile(
                                "m-2", "APPLIED", "Coop Alpha", "BE", null));

        profiles.profile(withProfile);
        profiles.profile(withoutProfile);

        assertThat(
                        fixture.update(ViewKind.MEMBER, "m-1", withProfile.id())
                                .get("$set", Document.class))
                .containsEntry("status", "APPLIED")
                .containsEntry("legalName", "Coop Alpha")
                .containsEntry("country", "BE")
                .containsEntry("region", "FRK26");
        assertThat(
                        fixture.update(ViewKind.MEMBER, "m-2", withoutProfile.id())
                                .get("$set", Document.class))
                .containsOnlyKeys("status", "legalName", "country", "updatedAt");
    }

    @Test
    void aStatusEventWritesTheStatusAlone() {
        var event =
                received(M + "suspended.v1", new MembershipEvents.StatusChange("m-2", "SUSPENDED"));

        profiles.status(event);

        Document set =
                fixture.update(ViewKind.MEMBER, "m-2", event.id()).get("$set", Document.class);
        assertThat(set)
                .containsOnlyKeys("status", "updatedAt")
                .containsEntry("status", "SUSPENDED");
    }

    @Test
    void anEventAppliedBeforeIsCountedAsADuplicate() {
        fixture.applies(false);

        profiles.status(received(M + "left.v1", new MembershipEvents.StatusChange("m-3", "LEFT")));

        assertThat(fixture.count(ViewKind.MEMBER, "duplicate")).isEqualTo(1);
        assertThat(fixture.count(ViewKind.MEMBER, "applied")).isZero();
    }

    @Test
    void anEventWithoutAMemberIdIsPoison() {
        ReceivedEvent<MembershipEvents.StatusChange> event =
                received(M + "left.v1", new MembershipEvents.StatusChange(" ", "LEFT"));

        assertThatThrownBy(() -> profiles.status(event))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("memberId");
        verifyNoInteractions(fixture.effects);
    }

    @Test
    void anEventWithoutAStatusIsPoisonWhateverItsType() {
        var suspended =
                received(M + "suspended.v1", new MembershipEvents.StatusChange("m-1", null));
        var admitted =
                received(
                        ADMITTED,
                        new MembershipEvents.WithProfile("m-1", null, null, null, PROFILE));
        var changed =
                received(
                        M + "profile-changed.v1",
                        new MembershipEvents.WithProfile("m-1", " ", null, null, PROFILE));

        assertThatThrownBy(() -> profiles.status(suspended))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining(suspended.id())
                .hasMessageContaining("has no status");
        assertThatThrownBy(() -> profiles.profile(admitted))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("has no status");
        assertThatThrownBy(() -> profiles.profile(changed))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("has no status");
        verifyNoInteractions(fixture.effects);
        assertThat(fixture.count(ViewKind.MEMBER, "applied")).isZero();
    }
}
