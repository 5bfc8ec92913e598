package coop.cluster.web.security;

import java.util.List;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in person as the pages need them, from the issuer's ID token: {@code member_id}
 * (people of a member organisation) and {@code roles} (docs/identity.md). The API decides rights;
 * these only choose panels.
 */
public record Person(String name, String memberId, List<String> roles) {

    public static Person of(OidcUser user) {
        List<String> roles = user.getClaimAsStringList("roles");
        String name =
                user.getFullName() != null
                        ? user.getFullName()
                        : user.getEmail() != null ? user.getEmail() : user.getSubject();
        return new Person(
                name, user.getClaimAsString("member_id"), roles == null ? List.of() : roles);
    }

    public boolean isManager() {
        return roles.contains("manager");
    }

    public boolean isDelegate() {
        return roles.contains("delegate");
    }

    public boolean isFinance() {
        return roles.contains("finance");
    }

    public boolean isPlatformAdmin() {
        return roles.contains("platform-admin");
    }

    /** An organisation's admin: invites and manages the people of their own organisation. */
    public boolean isOrganisationAdmin() {
        return roles.contains("admin");
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasOrganisation() {
        return memberId != null && !memberId.isBlank();
    }
}
