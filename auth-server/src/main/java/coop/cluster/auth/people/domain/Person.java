package coop.cluster.auth.people.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A person with an account: the {@code sub} of their tokens. They belong to zero or one member
 * organisation, with roles in it, and may hold staff roles. Immutable: every change returns the
 * person as it becomes.
 *
 * @param id the token {@code sub}: a UUID, or a demo cast name ({@code amina})
 * @param passwordHash the password in the delegating encoder's format ({@code {bcrypt}...}); null
 *     while none is set
 * @param memberId the member organisation, or null
 * @param roles roles in {@code memberId}; empty without an organisation
 * @param version the store's version, null before the first write
 */
public record Person(
        String id,
        Email email,
        String passwordHash,
        String displayName,
        Language language,
        String memberId,
        Set<OrganisationRole> roles,
        Set<StaffRole> staffRoles,
        PersonStatus status,
        Instant createdAt,
        Long version) {

    public static final int MAX_NAME = 120;

    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(status, "status");
        roles = java.util.Collections.unmodifiableSet(copy(roles, OrganisationRole.class));
        staffRoles = java.util.Collections.unmodifiableSet(copy(staffRoles, StaffRole.class));
        displayName =
                displayName == null || displayName.isBlank() ? email.value() : displayName.strip();
        if (displayName.length() > MAX_NAME) {
            throw new PersonRuleViolation("invalid-display-name", MAX_NAME);
        }
        if (memberId == null && !roles.isEmpty()) {
            throw new PersonRuleViolation("roles-without-organisation", id);
        }
    }

    /** A new account, in no organisation, with no role. */
    public static Person register(
            String id,
            Email email,
            String passwordHash,
            String displayName,
            Language language,
            Instant now) {
        return new Person(
                id,
                email,
                passwordHash,
                displayName,
                language,
                null,
                Set.of(),
                Set.of(),
                PersonStatus.ACTIVE,
                now,
                null);
    }

    public boolean isActive() {
        return status == PersonStatus.ACTIVE;
    }

    /**
     * Joins {@code member} with {@code granted}, or adds them if already in it. A person belongs to
     * one organisation at most: another one first has to remove them.
     */
    public Person joinOrganisation(String member, Set<OrganisationRole> granted) {
        Objects.requireNonNull(member, "member");
        if (granted.isEmpty()) {
            throw new PersonRuleViolation("no-organisation-role", id);
        }
        if (memberId != null && !memberId.equals(member)) {
            throw new PersonRuleViolation("already-in-organisation", id, memberId);
        }
        Set<OrganisationRole> all = copy(roles, OrganisationRole.class);
        all.addAll(granted);
        return new Person(
                id,
                email,
                passwordHash,
                displayName,
                language,
                member,
                all,
                staffRoles,
                status,
                createdAt,
                version);
    }

    /** Leaves the organisation, with every role in it. */
    public Person leaveOrganisation() {
        if (memberId == null) {
            throw new PersonRuleViolation("not-in-organisation", id);
        }
        return new Person(
                id,
                email,
                passwordHash,
                displayName,
                language,
                null,
                Set.of(),
                staffRoles,
                status,
                createdAt,
                version);
    }

    /**
     * Sets the roles granted through the API ({@code member}, {@code admin}); {@code delegate} is
     * kept as membership's appointment left it.
     */
    public Person withGrantedRoles(Set<OrganisationRole> granted) {
        if (memberId == null) {
            throw new PersonRuleViolation("not-in-organisation", id);
        }
        if (granted.contains(OrganisationRole.DELEGATE)) {
            throw new PersonRuleViolation("delegate-not-granted", id);
        }
        if (granted.isEmpty()) {
            throw new PersonRuleViolation("no-organisation-role", id);
        }
        Set<OrganisationRole> all = copy(granted, OrganisationRole.class);
        if (roles.contains(OrganisationRole.DELEGATE)) {
            all.add(OrganisationRole.DELEGATE);
        }
        return new Person(
                id,
                email,
                passwordHash,
                displayName,
                language,
                memberId,
                all,
                staffRoles,
                status,
                createdAt,
                version);
    }

    /** Takes the council seat of {@code member} (membership appointed this person). */
    public Person appointDelegate(String member) {
        return joinOrganisation(member, Set.of(OrganisationRole.DELEGATE));
    }

    /** No longer {@code member}'s delegate; unchanged if they were not. */
    public Person removeDelegate(String member) {
        if (!member.equals(memberId) || !roles.contains(OrganisationRole.DELEGATE)) {
            return this;
        }
        Set<OrganisationRole> all = copy(roles, OrganisationRole.class);
        all.remove(OrganisationRole.DELEGATE);
        return new Person(
                id,
                email,
                passwordHash,
                displayName,
                language,
                memberId,
                all,
                staffRoles,
                status,
                createdAt,
                version);
    }

    public Person withStaffRoles(Set<StaffRole> granted) {
        return new Person(
                id,
                email,
                passwordHash,
                displayName,
                language,
                memberId,
                roles,
                granted,
                status,
                createdAt,
                version);
    }

    public Person addStaffRoles(Set<StaffRole> granted) {
        Set<StaffRole> all = copy(staffRoles, StaffRole.class);
        all.addAll(granted);
        return withStaffRoles(all);
    }

    public Person withPassword(String hash) {
        return new Person(
                id,
                email,
                Objects.requireNonNull(hash),
                displayName,
                language,
                memberId,
                roles,
                staffRoles,
                status,
                createdAt,
                version);
    }

    public Person withProfile(String name, Language lang) {
        return new Person(
                id,
                email,
                passwordHash,
                name == null ? displayName : name,
                lang == null ? language : lang,
                memberId,
                roles,
                staffRoles,
                status,
                createdAt,
                version);
    }

    public Person withVersion(Long stored) {
        return new Person(
                id,
                email,
                passwordHash,
                displayName,
                language,
                memberId,
                roles,
                staffRoles,
                status,
                createdAt,
                stored);
    }

    /**
     * True if {@code after} holds a role, an organisation or a status this person had and loses.
     */
    public boolean losesRightsIn(Person after) {
        return !after.roles.containsAll(roles)
                || !after.staffRoles.containsAll(staffRoles)
                || (memberId != null && !memberId.equals(after.memberId))
                || (isActive() && !after.isActive());
    }

    /**
     * The {@code roles} claim: the organisation's roles only while it is an active member, staff
     * roles always.
     */
    public List<String> claimRoles(boolean organisationActive) {
        List<String> claim = new ArrayList<>();
        if (memberId != null && organisationActive) {
            roles.forEach(role -> claim.add(role.claimValue()));
        }
        staffRoles.forEach(role -> claim.add(role.claimValue()));
        return claim;
    }

    public static List<String> claimValues(Collection<? extends Enum<?>> roles) {
        return roles.stream()
                .map(
                        role ->
                                role instanceof OrganisationRole o
                                        ? o.claimValue()
                                        : ((StaffRole) role).claimValue())
                .toList();
    }

    private static <E extends Enum<E>> Set<E> copy(Set<E> roles, Class<E> type) {
        return roles == null || roles.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(roles);
    }

    @Override
    public String toString() { // never the password hash
        return "Person["
                + id
                + ", "
                + email
                + ", member="
                + memberId
                + ", roles="
                + roles
                + ", staff="
                + staffRoles
                + ", "
                + status
                + "]";
    }
}
