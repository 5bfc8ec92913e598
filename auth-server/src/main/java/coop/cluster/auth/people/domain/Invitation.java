package coop.cluster.auth.people.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An invitation to hold an account: into an organisation with {@code roles}, and/or with staff
 * roles. It is stored before its mail is sent, so a failed send loses nothing: its link can be sent
 * again.
 *
 * @param memberId the organisation the invited person joins, or null (staff only)
 * @param invitedBy the {@code sub} of who invited, or {@code bootstrap} for the first platform
 *     administrator
 * @param sentAt when its last link was mailed, null if the mail could not be sent yet
 * @param acceptedBy the person who accepted it
 */
public record Invitation(
        String id,
        Email email,
        String displayName,
        Language language,
        String memberId,
        Set<OrganisationRole> roles,
        Set<StaffRole> staffRoles,
        String invitedBy,
        Instant createdAt,
        Instant expiresAt,
        InvitationStatus status,
        Instant sentAt,
        String acceptedBy,
        Long version) {

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        language = language == null ? Language.FR : language;
        roles =
                Collections.unmodifiableSet(
                        roles == null || roles.isEmpty()
                                ? EnumSet.noneOf(OrganisationRole.class)
                                : EnumSet.copyOf(roles));
        staffRoles =
                Collections.unmodifiableSet(
                        staffRoles == null || staffRoles.isEmpty()
                                ? EnumSet.noneOf(StaffRole.class)
                                : EnumSet.copyOf(staffRoles));
    }

    /**
     * A new invitation. An organisation needs at least one of {@code member}/{@code admin} ({@code
     * member} if none is named); {@code delegate} comes from membership, never from an invitation;
     * an invitation grants something.
     */
    public static Invitation create(
            String id,
            Email email,
            String displayName,
            Language language,
            String memberId,
            Set<OrganisationRole> roles,
            Set<StaffRole> staffRoles,
            String invitedBy,
            Instant now,
            Instant expiresAt) {
        Set<OrganisationRole> granted = roles == null ? Set.of() : roles;
        if (granted.contains(OrganisationRole.DELEGATE)) {
            throw new PersonRuleViolation("delegate-not-granted", email.value());
        }
        if (memberId == null && !granted.isEmpty()) {
            throw new PersonRuleViolation("roles-without-organisation", email.value());
        }
        if (memberId != null && granted.isEmpty()) {
            granted = Set.of(OrganisationRole.MEMBER);
        }
        if (memberId == null && (staffRoles == null || staffRoles.isEmpty())) {
            throw new PersonRuleViolation("invitation-grants-nothing", email.value());
        }
        return new Invitation(
                id,
                email,
                displayName,
                language,
                memberId,
                granted,
                staffRoles,
                invitedBy,
                now,
                expiresAt,
                InvitationStatus.PENDING,
                null,
                null,
                null);
    }

    public boolean isOpen(Instant now) {
        return status == InvitationStatus.PENDING && now.isBefore(expiresAt);
    }

    public Invitation accepted(String personId) {
        if (status != InvitationStatus.PENDING) {
            throw new PersonRuleViolation("invitation-closed", id);
        }
        return new Invitation(
                id,
                email,
                displayName,
                language,
                memberId,
                roles,
                staffRoles,
                invitedBy,
                createdAt,
                expiresAt,
                InvitationStatus.ACCEPTED,
                sentAt,
                personId,
                version);
    }

    public Invitation cancelled() {
        if (status != InvitationStatus.PENDING) {
            throw new PersonRuleViolation("invitation-closed", id);
        }
        return new Invitation(
                id,
                email,
                displayName,
                language,
                memberId,
                roles,
                staffRoles,
                invitedBy,
                createdAt,
                expiresAt,
                InvitationStatus.CANCELLED,
                sentAt,
                acceptedBy,
                version);
    }

    /** A new link goes out: it is valid until {@code newExpiry}, and so is the invitation. */
    public Invitation renewed(Instant newExpiry) {
        if (status != InvitationStatus.PENDING) {
            throw new PersonRuleViolation("invitation-closed", id);
        }
        return new Invitation(
                id,
                email,
                displayName,
                language,
                memberId,
                roles,
                staffRoles,
                invitedBy,
                createdAt,
                newExpiry,
                status,
                sentAt,
                acceptedBy,
                version);
    }

    public Invitation sent(Instant at) {
        return new Invitation(
                id,
                email,
                displayName,
                language,
                memberId,
                roles,
                staffRoles,
                invitedBy,
                createdAt,
                expiresAt,
                status,
                at,
                acceptedBy,
                version);
    }
}
