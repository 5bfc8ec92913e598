package coop.cluster.fundingwatch.profile;

import static coop.cluster.fundingwatch.profile.Events.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verifyNoInteractions;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** How membership's member events become writes of {@code member_profiles}. */
class MemberProfilesTest {

    private static final String ADMITTED = "cluster.membership.member.admitted.v1";

    private final ViewWriterFixture fixture = new ViewWriterFixture();
    private final MemberProfiles profiles = new MemberProfiles(fixture.writer);

    private static final MembershipEvents.Profile PROFILE = new MembershipEvents.Profile("Atelier Bois SCOP", "FR",
            "FRK26", List.of("C16.23"), List.of("timber frames", "CNC"), "Timber for low-carbon buildings");

    @Test
    void theSubscriptionReadsTheMembersTopicUnderItsOwnName() {
        EventSubscription subscription = profiles.memberProfilesSubscription();

        assertThat(subscription.name()).isEqualTo("member-profiles");
        assertThat(subscription.topics()).containsExactly("membership.members");
    }

    @Test
    void anAdmissionWritesTheActiveStatusTheProfileAndTheTimeOfTheWrite() {
        var event = received(ADMITTED, new MembershipEvents.WithProfile("m-1", null, null, null, PROFILE));

        profiles.profile(event, "ACTIVE");

        Document set = fixture.update(ViewKind.MEMBER, "m-1", event.id()).get("$set", Document.class);
        assertThat(set).containsEntry("status", "ACTIVE").containsEntry("legalName", "Atelier Bois SCOP")
                .containsEntry("country", "FR").containsEntry("region", "FRK26")
                .containsEntry("sectors", List.of("C16.23"))
                .containsEntry("competences", List.of("timber frames", "CNC"))
                .containsEntry("description", "Timber for low-carbon buildings")
                .containsEntry("updatedAt", Date.from(ViewWriterFixture.NOW));
        assertThat(fixture.count(ViewKind.MEMBER, "applied")).isEqualTo(1);
        assertThat(fixture.count(ViewKind.MEMBER, "duplicate")).isZero();
    }

    @Test
    void aProfileChangeCarriesItsStatusAndReplacesTheWholeProfile() {
        var profile = new MembershipEvents.Profile("Atelier Bois", "FR", null, null, null, null);

        Document set = MemberProfiles.profileUpdate(
                new MembershipEvents.WithProfile("m-1", "SUSPENDED", null, null, profile), "SUSPENDED")
                .getUpdateObject().get("$set", Document.class);

        assertThat(set).containsEntry("status", "SUSPENDED").containsEntry("legalName", "Atelier Bois")
                .containsEntry("region", null).containsEntry("sectors", List.of())
                .containsEntry("competences", List.of()).containsEntry("description", null);
    }

    @Test
    void aProfileChangeWithoutAStatusKeepsTheStatus() {
        Document set = MemberProfiles.profileUpdate(
                new MembershipEvents.WithProfile("m-1", null, null, null, PROFILE), null)
                .getUpdateObject().get("$set", Document.class);

        assertThat(set).doesNotContainKey("status").containsKey("legalName");
    }

    @Test
    void anApplicationFallsBackOnItsOwnLegalNameAndCountry() {
        var partial = new MembershipEvents.Profile(null, null, "FRK26", List.of(), List.of(), "new");

        Document withProfile = MemberProfiles.profileUpdate(
                new MembershipEvents.WithProfile("m-1", null, "Coop Alpha", "BE", partial), "APPLIED")
                .getUpdateObject().get("$set", Document.class);
        Document withoutProfile = MemberProfiles.profileUpdate(
                new MembershipEvents.WithProfile("m-1", null, "Coop Alpha", "BE", null), "APPLIED")
                .getUpdateObject().get("$set", Document.class);

        assertThat(withProfile).containsEntry("status", "APPLIED").containsEntry("legalName", "Coop Alpha")
                .containsEntry("country", "BE").containsEntry("region", "FRK26");
        assertThat(withoutProfile).containsOnlyKeys("status", "legalName", "country");
    }

    @Test
    void aStatusEventWritesTheStatusAlone() {
        var event = received("cluster.membership.member.suspended.v1", new MembershipEvents.StatusChange("m-2"));

        profiles.status(event, "SUSPENDED");

        Document set = fixture.update(ViewKind.MEMBER, "m-2", event.id()).get("$set", Document.class);
        assertThat(set).containsOnlyKeys("status", "updatedAt").containsEntry("status", "SUSPENDED");
    }

    @Test
    void anEventAppliedBeforeIsCountedAsADuplicate() {
        fixture.applies(false);

        profiles.status(received("cluster.membership.member.left.v1", new MembershipEvents.StatusChange("m-3")),
                "LEFT");

        assertThat(fixture.count(ViewKind.MEMBER, "duplicate")).isEqualTo(1);
        assertThat(fixture.count(ViewKind.MEMBER, "applied")).isZero();
    }

    @Test
    void anEventWithoutAMemberIdIsPoison() {
        ReceivedEvent<MembershipEvents.StatusChange> event = received("cluster.membership.member.left.v1",
                new MembershipEvents.StatusChange(" "));

        assertThatThrownBy(() -> profiles.status(event, "LEFT")).isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("memberId");
        verifyNoInteractions(fixture.effects);
    }
}
