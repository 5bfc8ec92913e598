package coop.cluster.plumbing.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The role names tokens carry (docs/identity.md, docs/people.md) and the authorities they become.
 */
class ClusterRoleTest {

    @Test
    void claimValuesAreLowerCaseWithHyphens() {
        assertThat(ClusterRole.PLATFORM_ADMIN.claimValue()).isEqualTo("platform-admin");
        assertThat(ClusterRole.ADMIN.claimValue()).isEqualTo("admin");
        assertThat(ClusterRole.fromClaim("platform-admin")).contains(ClusterRole.PLATFORM_ADMIN);
        assertThat(ClusterRole.fromClaim(" Manager ")).contains(ClusterRole.MANAGER);
        assertThat(ClusterRole.fromClaim("platform_admin")).isEmpty();
        assertThat(ClusterRole.fromClaim(null)).isEmpty();
    }

    @Test
    void authoritiesUseTheEnumName() {
        assertThat(ClusterRole.PLATFORM_ADMIN.authority()).isEqualTo("ROLE_PLATFORM_ADMIN");
        assertThat(ClusterRole.ADMIN.authority()).isEqualTo("ROLE_ADMIN");
    }
}
