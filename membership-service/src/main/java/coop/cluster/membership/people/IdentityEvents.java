package coop.cluster.membership.people;

import java.util.List;

/**
 * membership-service's own copy of the identity events it reads (docs/people.md): only the fields
 * it needs; unknown fields are ignored. Identity keys them by person id, so one person's events
 * arrive in order on one partition; the view still orders them itself ({@code
 * PersonChange#order()}), since a replay or a republication can bring an older one after a newer
 * one.
 */
final class IdentityEvents {

    static final String TOPIC = "identity.people";
    static final String JOINED_ORGANISATION_V1 = "cluster.identity.person.joined-organisation.v1";
    static final String ROLES_CHANGED_V1 = "cluster.identity.person.roles-changed.v1";
    static final String LEFT_ORGANISATION_V1 = "cluster.identity.person.left-organisation.v1";

    /** A person became one of a member organisation's people. */
    record PersonJoinedOrganisation(
            String personId,
            String memberId,
            List<String> roles,
            String email,
            String displayName,
            String language) {}

    /**
     * A person's roles changed; {@code memberId} is their organisation after the change, absent
     * when none.
     */
    record PersonRolesChanged(
            String personId,
            String memberId,
            List<String> roles,
            List<String> staffRoles,
            String changedBy) {}

    /**
     * A person left a member organisation ({@code reason}: removed, member-left, member-excluded).
     */
    record PersonLeftOrganisation(String personId, String memberId, String reason, String by) {}

    private IdentityEvents() {}
}
