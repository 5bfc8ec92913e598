package coop.cluster.auth.people.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvitationTest {

    private static final String ATLAS = "11111111-1111-4111-8111-111111111111";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Email EMAIL = new Email("nadia@example.org");

    @Test
    void anOrganisationWithoutRolesMeansMember() {
        Invitation invitation = invite(ATLAS, Set.of(), Set.of());

        assertThat(invitation.roles()).containsExactly(OrganisationRole.MEMBER);
        assertThat(invitation.isOpen(NOW)).isTrue();
        assertThat(invitation.isOpen(NOW.plus(Duration.ofDays(8)))).as("expired").isFalse();
    }

    @Test
    void anInvitationGrantsSomethingAndNeverTheDelegateRole() {
        assertThatThrownBy(() -> invite(null, Set.of(), Set.of()))
                .hasMessageStartingWith("invitation-grants-nothing");
        assertThatThrownBy(() -> invite(null, Set.of(OrganisationRole.MEMBER), Set.of()))
                .hasMessageStartingWith("roles-without-organisation");
        assertThatThrownBy(() -> invite(ATLAS, Set.of(OrganisationRole.DELEGATE), Set.of()))
                .hasMessageStartingWith("delegate-not-granted");
        assertThat(invite(null, Set.of(), Set.of(StaffRole.PLATFORM_ADMIN)).staffRoles())
                .containsExactly(StaffRole.PLATFORM_ADMIN);
    }

    @Test
    void anAcceptedOrCancelledInvitationIsClosedAnExpiredOneCanBeRenewed() {
        Invitation invitation = invite(ATLAS, Set.of(), Set.of());
        Instant later = NOW.plus(Duration.ofDays(10));

        assertThat(invitation.renewed(later.plus(Duration.ofDays(7))).isOpen(later)).isTrue();
        assertThatThrownBy(() -> invitation.accepted("p1").cancelled())
                .hasMessageStartingWith("invitation-closed");
        assertThatThrownBy(() -> invitation.cancelled().renewed(later))
                .hasMessageStartingWith("invitation-closed");
    }

    @Test
    void aLinkSecretIsRandomAndOnlyItsHashIsKept() {
        String secret = OneTimeLinks.newSecret();

        assertThat(secret).hasSize(43).isNotEqualTo(OneTimeLinks.newSecret());
        assertThat(OneTimeLinks.hash(secret))
                .hasSize(64)
                .isEqualTo(OneTimeLinks.hash(secret))
                .doesNotContain(secret);
    }

    private static Invitation invite(
            String memberId, Set<OrganisationRole> roles, Set<StaffRole> staff) {
        return Invitation.create(
                "i1",
                EMAIL,
                null,
                Language.EN,
                memberId,
                roles,
                staff,
                "manon",
                NOW,
                NOW.plus(Duration.ofDays(7)));
    }
}
