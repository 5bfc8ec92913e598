package coop.cluster.auth.people.web;

import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Language;
import coop.cluster.auth.people.domain.OrganisationRole;
import coop.cluster.auth.people.domain.PersonRuleViolation;
import coop.cluster.auth.people.domain.StaffRole;
import coop.cluster.plumbing.web.ProblemException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The bodies of the identity API as clients send them. Shapes are checked here (400 naming the
 * fields); the flows' rules by the domain (422). Passwords: 10 to 200 characters, nothing else
 * imposed (NIST SP 800-63B).
 */
final class Requests {

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final String ORGANISATION_ROLE = "member|admin";
    static final String STAFF_ROLE = "manager|finance|platform-admin";
    static final String LANGUAGE = "fr|en";
    static final String EMAIL = "[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+";

    private Requests() {}

    record Invite(
            @NotBlank @Size(max = 254) @Pattern(regexp = EMAIL) String email,
            @Size(max = 120) String displayName,
            @Pattern(regexp = LANGUAGE) String language,
            @Pattern(regexp = UUID) String memberId,
            @Size(max = 2) List<@NotNull @Pattern(regexp = ORGANISATION_ROLE) String> roles,
            @Size(max = 3) List<@NotNull @Pattern(regexp = STAFF_ROLE) String> staffRoles) {}

    record Acceptance(
            @NotBlank @Size(max = 100) String token,
            @NotBlank @Size(min = 10, max = 200) String password,
            @Size(max = 120) String displayName,
            @Pattern(regexp = LANGUAGE) String language) {

        @Override
        public String toString() { // never the token or the password
            return "Acceptance[" + displayName + ", " + language + "]";
        }
    }

    record SignUp(
            @NotBlank @Size(max = 254) @Pattern(regexp = EMAIL) String email,
            @NotBlank @Size(max = 120) String displayName,
            @NotBlank @Pattern(regexp = LANGUAGE) String language,
            @NotBlank @Size(min = 10, max = 200) String password) {

        @Override
        public String toString() {
            return "SignUp[" + displayName + ", " + language + "]";
        }
    }

    record Token(@NotBlank @Size(max = 100) String token) {

        @Override
        public String toString() {
            return "Token[...]";
        }
    }

    record ResetRequest(@NotBlank @Size(max = 254) @Pattern(regexp = EMAIL) String email) {}

    record ResetCompletion(
            @NotBlank @Size(max = 100) String token,
            @NotBlank @Size(min = 10, max = 200) String password) {

        @Override
        public String toString() {
            return "ResetCompletion[...]";
        }
    }

    record Profile(
            @NotBlank @Size(max = 120) String displayName,
            @NotBlank @Pattern(regexp = LANGUAGE) String language) {}

    record Roles(
            @NotNull @Size(min = 1, max = 2)
                    List<@NotNull @Pattern(regexp = ORGANISATION_ROLE) String> roles) {}

    record StaffRoles(
            @NotNull @Size(max = 3)
                    List<@NotNull @Pattern(regexp = STAFF_ROLE) String> staffRoles) {}

    /** The organisation roles named, the unknown ones left out (validation reports them). */
    static Set<OrganisationRole> organisationRoles(List<String> names) {
        Set<OrganisationRole> roles = EnumSet.noneOf(OrganisationRole.class);
        if (names != null) {
            names.forEach(name -> OrganisationRole.fromClaim(name).ifPresent(roles::add));
        }
        return roles;
    }

    static Set<StaffRole> staffRoles(List<String> names) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        if (names != null) {
            names.forEach(name -> StaffRole.fromClaim(name).ifPresent(roles::add));
        }
        return roles;
    }

    static Language language(String code) {
        return Language.fromCode(code).orElse(null);
    }

    static Email email(String value) {
        return ruled(() -> new Email(value));
    }

    /** Runs a flow; a rule of the domain that refuses it answers 422 with the rule's code. */
    static <T> T ruled(Supplier<T> flow) {
        try {
            return flow.get();
        } catch (PersonRuleViolation refused) {
            throw ProblemException.unprocessable(refused.code(), refused.args());
        }
    }
}
