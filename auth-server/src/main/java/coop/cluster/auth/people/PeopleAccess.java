package coop.cluster.auth.people;

import coop.cluster.auth.people.domain.Invitation;
import coop.cluster.auth.people.domain.OrganisationRole;
import coop.cluster.auth.people.domain.Person;
import coop.cluster.auth.people.domain.StaffRole;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.security.ClusterRole;
import coop.cluster.plumbing.web.ProblemException;
import java.util.Set;

/**
 * Who may manage whose people (docs/people.md): a manager any organisation's; an organisation's
 * admin its own only, with the roles {@code member} and {@code admin}; a platform administrator the
 * staff roles. Another organisation's invitation or person answers 404 to an admin, as if it did
 * not exist; a role with no business here gets 403.
 */
public final class PeopleAccess {

    private PeopleAccess() {}

    /** Inviting into {@code memberId} with {@code roles}, and/or with {@code staffRoles}. */
    public static void checkMayInvite(
            Caller caller,
            String memberId,
            Set<OrganisationRole> roles,
            Set<StaffRole> staffRoles) {
        if (!staffRoles.isEmpty() && !caller.has(ClusterRole.PLATFORM_ADMIN)) {
            throw ProblemException.forbidden("staff-roles-forbidden");
        }
        if (memberId != null || !roles.isEmpty()) {
            checkMayManageOrganisation(caller, memberId);
        }
        if (memberId == null
                && staffRoles.isEmpty()
                && !caller.hasAny(
                        ClusterRole.MANAGER, ClusterRole.ADMIN, ClusterRole.PLATFORM_ADMIN)) {
            throw ProblemException.forbidden();
        }
    }

    /**
     * Managing the people of {@code memberId}: a manager, or its own admin; another organisation is
     * not found.
     */
    public static void checkMayManageOrganisation(Caller caller, String memberId) {
        if (caller.has(ClusterRole.MANAGER)) {
            return;
        }
        if (!caller.has(ClusterRole.ADMIN)) {
            throw ProblemException.forbidden();
        }
        if (memberId == null || !caller.belongsTo(memberId)) {
            throw ProblemException.notFound("organisation", memberId);
        }
    }

    /**
     * Listing invitations: managers and platform administrators all; an admin those of their
     * organisation.
     */
    public static String checkMayListInvitations(Caller caller, String memberId) {
        if (caller.hasAny(ClusterRole.MANAGER, ClusterRole.PLATFORM_ADMIN)) {
            return memberId;
        }
        if (!caller.has(ClusterRole.ADMIN)) {
            throw ProblemException.forbidden();
        }
        String own = caller.memberId().orElseThrow(ProblemException::forbidden);
        if (memberId != null && !memberId.equals(own)) {
            throw ProblemException.notFound("organisation", memberId);
        }
        return own;
    }

    /** Cancelling or re-sending an invitation: whoever may make it. */
    public static void checkMayHandle(Caller caller, Invitation invitation) {
        if (!caller.hasAny(ClusterRole.MANAGER, ClusterRole.ADMIN, ClusterRole.PLATFORM_ADMIN)) {
            throw ProblemException.forbidden();
        }
        boolean staff = !invitation.staffRoles().isEmpty();
        boolean organisation = invitation.memberId() != null;
        boolean allowed =
                (!staff || caller.has(ClusterRole.PLATFORM_ADMIN))
                        && (!organisation
                                || caller.has(ClusterRole.MANAGER)
                                || (caller.has(ClusterRole.ADMIN)
                                        && caller.belongsTo(invitation.memberId())));
        if (!allowed) {
            throw ProblemException.notFound("invitation", invitation.id());
        }
    }

    /**
     * Seeing the people of {@code memberId}: managers and platform administrators any, its own
     * people.
     */
    public static String checkMayListPeople(Caller caller, String memberId) {
        if (caller.hasAny(ClusterRole.MANAGER, ClusterRole.PLATFORM_ADMIN)) {
            return memberId;
        }
        if (!caller.hasAny(ClusterRole.MEMBER, ClusterRole.ADMIN, ClusterRole.DELEGATE)) {
            throw ProblemException.forbidden();
        }
        String own = caller.memberId().orElseThrow(ProblemException::forbidden);
        if (memberId != null && !memberId.equals(own)) {
            throw ProblemException.notFound("organisation", memberId);
        }
        return own;
    }

    /** Changing the organisation roles of {@code person}, or removing them from it. */
    public static void checkMayManagePerson(Caller caller, Person person) {
        if (caller.has(ClusterRole.MANAGER)) {
            return;
        }
        if (!caller.has(ClusterRole.ADMIN)) {
            throw ProblemException.forbidden();
        }
        if (person.memberId() == null || !caller.belongsTo(person.memberId())) {
            throw ProblemException.notFound("person", person.id());
        }
    }

    public static void checkMayGrantStaffRoles(Caller caller) {
        if (!caller.has(ClusterRole.PLATFORM_ADMIN)) {
            throw ProblemException.forbidden();
        }
    }

    /** A person's own account: people only, not machine clients. */
    public static void checkIsPerson(Caller caller) {
        if (caller.has(ClusterRole.FEED)) {
            throw ProblemException.forbidden();
        }
    }

    public static void checkMayReadAudit(Caller caller) {
        if (!caller.has(ClusterRole.MANAGER)) {
            throw ProblemException.forbidden();
        }
    }
}
