package coop.cluster.auth.people.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonTest {

    private static final String ATLAS = "11111111-1111-4111-8111-111111111111";
    private static final String OTHER = "22222222-2222-4222-8222-222222222222";

    private final Person nadia =
            Person.register(
                    "p1",
                    new Email(" Nadia@Example.ORG "),
                    "{noop}x",
                    "Nadia",
                    Language.FR,
                    Instant.EPOCH);

    @Test
    void anEmailIsKeptInLowerCaseAndMustLookLikeOne() {
        assertThat(nadia.email().value()).isEqualTo("nadia@example.org");
        assertThatThrownBy(() -> new Email("not-an-address"))
                .isInstanceOf(PersonRuleViolation.class);
    }

    @Test
    void aPersonBelongsToOneOrganisationAtMost() {
        Person member = nadia.joinOrganisation(ATLAS, Set.of(OrganisationRole.MEMBER));

        assertThat(member.joinOrganisation(ATLAS, Set.of(OrganisationRole.ADMIN)).roles())
                .containsExactlyInAnyOrder(OrganisationRole.MEMBER, OrganisationRole.ADMIN);
        assertThatThrownBy(() -> member.joinOrganisation(OTHER, Set.of(OrganisationRole.MEMBER)))
                .hasMessageStartingWith("already-in-organisation");
    }

    @Test
    void rolesNeedAnOrganisationAndTheDelegateRoleIsNeverGranted() {
        assertThatThrownBy(() -> nadia.withGrantedRoles(Set.of(OrganisationRole.MEMBER)))
                .hasMessageStartingWith("not-in-organisation");
        Person delegate =
                nadia.joinOrganisation(ATLAS, Set.of(OrganisationRole.MEMBER))
                        .appointDelegate(ATLAS);
        assertThatThrownBy(() -> delegate.withGrantedRoles(Set.of(OrganisationRole.DELEGATE)))
                .hasMessageStartingWith("delegate-not-granted");
        assertThat(delegate.withGrantedRoles(Set.of(OrganisationRole.ADMIN)).roles())
                .as("the appointment is kept")
                .containsExactlyInAnyOrder(OrganisationRole.ADMIN, OrganisationRole.DELEGATE);
    }

    @Test
    void organisationRolesCountOnlyWhileTheOrganisationIsActiveStaffRolesAlways() {
        Person person =
                nadia.joinOrganisation(
                                ATLAS, Set.of(OrganisationRole.MEMBER, OrganisationRole.ADMIN))
                        .addStaffRoles(Set.of(StaffRole.PLATFORM_ADMIN));

        assertThat(person.claimRoles(true)).containsExactly("member", "admin", "platform-admin");
        assertThat(person.claimRoles(false)).containsExactly("platform-admin");
    }

    @Test
    void losingARoleOrTheOrganisationLosesRightsGainingDoesNot() {
        Person member =
                nadia.joinOrganisation(
                        ATLAS, Set.of(OrganisationRole.MEMBER, OrganisationRole.ADMIN));

        assertThat(member.losesRightsIn(member.withGrantedRoles(Set.of(OrganisationRole.MEMBER))))
                .isTrue();
        assertThat(member.losesRightsIn(member.leaveOrganisation())).isTrue();
        assertThat(member.losesRightsIn(member.addStaffRoles(Set.of(StaffRole.FINANCE)))).isFalse();
        assertThat(nadia.losesRightsIn(member)).isFalse();
    }

    @Test
    void thePasswordHashNeverShowsInTheText() {
        assertThat(nadia.toString()).doesNotContain("{noop}");
    }
}
