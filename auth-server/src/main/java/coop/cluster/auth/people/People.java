package coop.cluster.auth.people;

import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Invitation;
import coop.cluster.auth.people.domain.InvitationStatus;
import coop.cluster.auth.people.domain.Language;
import coop.cluster.auth.people.domain.OneTimeLinks;
import coop.cluster.auth.people.domain.OneTimeLinks.Purpose;
import coop.cluster.auth.people.domain.OrganisationRole;
import coop.cluster.auth.people.domain.Person;
import coop.cluster.auth.people.domain.PersonRuleViolation;
import coop.cluster.auth.people.domain.StaffRole;
import coop.cluster.auth.people.events.AccessRevoked;
import coop.cluster.auth.people.events.JoinedOrganisation;
import coop.cluster.auth.people.events.LeftOrganisation;
import coop.cluster.auth.people.events.PersonInvited;
import coop.cluster.auth.people.events.PersonRegistered;
import coop.cluster.auth.people.events.RolesChanged;
import coop.cluster.auth.people.persistence.InvitationStore;
import coop.cluster.auth.people.persistence.LinkStore;
import coop.cluster.auth.people.persistence.LinkStore.Link;
import coop.cluster.auth.people.persistence.PersonStore;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The flows of people and accounts (docs/people.md): invitations, sign-up, password reset, roles,
 * leaving an organisation. Each change is one write of one document with its events (the outbox); a
 * person who loses rights has their sessions ended ({@link SessionRevoker}) after the write, and
 * the services learn it from {@code access.revoked}.
 *
 * <p>Rights are checked by the callers ({@link PeopleAccess}); this class checks the rules of the
 * flows.
 */
@Service
public class People {

    private static final Logger log = LoggerFactory.getLogger(People.class);
    static final String AGGREGATE = "people";
    static final String BY_MEMBERSHIP = "membership";

    private final PersonStore people;
    private final InvitationStore invitations;
    private final LinkStore links;
    private final PeopleMail mail;
    private final PasswordEncoder passwords;
    private final EventFactory events;
    private final ObjectProvider<SessionRevoker> revoker;
    private final PeopleSettings settings;
    private final Clock clock;

    People(
            PersonStore people,
            InvitationStore invitations,
            LinkStore links,
            PeopleMail mail,
            PasswordEncoder passwords,
            EventFactory events,
            ObjectProvider<SessionRevoker> revoker,
            PeopleSettings settings,
            Clock clock) {
        this.people = people;
        this.invitations = invitations;
        this.links = links;
        this.mail = mail;
        this.passwords = passwords;
        this.events = events;
        this.revoker = revoker;
        this.settings = settings;
        this.clock = clock;
    }

    // --- invitations

    /**
     * Stores the invitation with its event, then mails its link: a failed send loses nothing (see
     * {@link #resend}).
     */
    public Invitation invite(
            Email email,
            String displayName,
            Language language,
            String memberId,
            Set<OrganisationRole> roles,
            Set<StaffRole> staffRoles,
            String invitedBy) {
        return invite(
                UUID.randomUUID().toString(),
                email,
                displayName,
                language,
                memberId,
                roles,
                staffRoles,
                invitedBy);
    }

    /**
     * As {@link #invite}, with a chosen id (the bootstrap administrator's is derived from the
     * address).
     */
    Invitation invite(
            String id,
            Email email,
            String displayName,
            Language language,
            String memberId,
            Set<OrganisationRole> roles,
            Set<StaffRole> staffRoles,
            String invitedBy) {
        Instant now = clock.instant();
        Invitation invitation =
                Invitation.create(
                        id,
                        email,
                        displayName,
                        language,
                        memberId,
                        roles,
                        staffRoles,
                        invitedBy,
                        now,
                        now.plus(settings.links().invitation()));
        Invitation stored =
                invitations.add(
                        invitation,
                        List.of(
                                events.create(
                                        "invitations",
                                        invitation.id(),
                                        new PersonInvited(
                                                invitation.id(),
                                                email.value(),
                                                memberId,
                                                Person.claimValues(invitation.roles()),
                                                Person.claimValues(invitation.staffRoles()),
                                                invitedBy,
                                                invitation.expiresAt()))));
        return sendLink(stored);
    }

    /**
     * A new link (the earlier ones stop working), valid for the full time again, even after the
     * invitation expired.
     */
    public Invitation resend(String invitationId) {
        Invitation invitation = invitation(invitationId);
        Invitation renewed =
                invitations.update(
                        invitation.renewed(clock.instant().plus(settings.links().invitation())),
                        List.of());
        return sendLink(renewed);
    }

    public Invitation cancel(String invitationId) {
        Invitation cancelled = invitations.update(invitation(invitationId).cancelled(), List.of());
        links.retireInvitationLinks(invitationId, clock.instant());
        return cancelled;
    }

    public Invitation invitation(String invitationId) {
        return invitations
                .find(invitationId)
                .orElseThrow(() -> ProblemException.notFound("invitation", invitationId));
    }

    public Optional<Invitation> findInvitation(String invitationId) {
        return invitations.find(invitationId);
    }

    public Page<Invitation> invitations(String memberId, InvitationStatus status, Pageable page) {
        return invitations.list(memberId, status, page);
    }

    private Invitation sendLink(Invitation invitation) {
        Instant now = clock.instant();
        links.retireInvitationLinks(invitation.id(), now);
        String secret = OneTimeLinks.newSecret();
        links.add(
                secret,
                new Link(
                        Purpose.INVITATION,
                        invitation.id(),
                        null,
                        invitation.email().value(),
                        null,
                        null,
                        null,
                        invitation.expiresAt()),
                now);
        if (!mail.invitation(
                invitation.email(), invitation.language(), invitation.displayName(), secret)) {
            return invitation;
        }
        return invitations.update(invitation.sent(now), List.of());
    }

    /**
     * The invitation a link accepts, if the link is still good: for the page that asks for the
     * password.
     */
    public Optional<Invitation> invitationOfLink(String secret) {
        return links.peek(secret, Purpose.INVITATION, clock.instant())
                .flatMap(link -> invitations.find(link.invitationId()))
                .filter(invitation -> invitation.isOpen(clock.instant()));
    }

    /**
     * Accepts the invitation of the one-time link: the invited address gets an account with {@code
     * password} (or, if it has one, its password becomes {@code password}: the link proves the
     * address as a reset would), joins the organisation and gets the roles. The link works once.
     */
    public Person acceptInvitation(
            String secret, String password, String displayName, Language language) {
        Instant now = clock.instant();
        Link link = links.use(secret, Purpose.INVITATION, now).orElseThrow(People::invalidLink);
        Invitation invitation =
                invitations
                        .find(link.invitationId())
                        .filter(i -> i.isOpen(now))
                        .orElseThrow(People::invalidLink);
        String hash = passwords.encode(password);
        Optional<Person> existing = people.findByEmail(invitation.email());
        Person person;
        if (existing.isEmpty()) {
            Person fresh =
                    Person.register(
                            UUID.randomUUID().toString(),
                            invitation.email(),
                            hash,
                            displayName != null ? displayName : invitation.displayName(),
                            language != null ? language : invitation.language(),
                            now);
            List<PendingEvent> pending = new ArrayList<>(List.of(registered(fresh, "invitation")));
            person = grant(fresh, invitation, pending);
            person = people.add(person, pending);
        } else {
            List<PendingEvent> pending = new ArrayList<>();
            person =
                    grant(
                            existing.get().withPassword(hash).withProfile(displayName, language),
                            invitation,
                            pending);
            person = people.update(person, pending);
        }
        invitations.update(invitation.accepted(person.id()), List.of());
        log.info("Invitation {} accepted by person {}", invitation.id(), person.id());
        return person;
    }

    private Person grant(Person person, Invitation invitation, List<PendingEvent> pending) {
        Person result = person;
        if (invitation.memberId() != null) {
            result = result.joinOrganisation(invitation.memberId(), invitation.roles());
            pending.add(joined(result));
        }
        if (!invitation.staffRoles().isEmpty()) {
            result = result.addStaffRoles(invitation.staffRoles());
            pending.add(rolesChanged(result, invitation.invitedBy()));
        }
        return result;
    }

    // --- sign-up

    /**
     * A sign-up: a link to confirm the address, or, if it has an account, a mail saying so to its
     * owner. The caller cannot tell which: same answer, and the password is hashed either way
     * (similar time).
     */
    public void signUp(Email email, String displayName, Language language, String password) {
        String hash = passwords.encode(password);
        Optional<Person> existing = people.findByEmail(email);
        if (existing.isPresent()) {
            Person person = existing.get();
            mail.alreadyRegistered(person.email(), person.language(), person.displayName());
            return;
        }
        Instant now = clock.instant();
        String secret = OneTimeLinks.newSecret();
        links.add(
                secret,
                new Link(
                        Purpose.SIGN_UP,
                        null,
                        null,
                        email.value(),
                        displayName,
                        language.name(),
                        hash,
                        now.plus(settings.links().signUp())),
                now);
        mail.signUpConfirmation(email, language, displayName, secret);
    }

    /** The address is confirmed: the account exists, in no organisation. */
    public Person confirmSignUp(String secret) {
        Instant now = clock.instant();
        Link link = links.use(secret, Purpose.SIGN_UP, now).orElseThrow(People::invalidLink);
        Email email = new Email(link.email());
        if (people.findByEmail(email).isPresent()) {
            throw invalidLink(); // registered meanwhile (an invitation, another sign-up)
        }
        Person person =
                Person.register(
                        UUID.randomUUID().toString(),
                        email,
                        link.passwordHash(),
                        link.displayName(),
                        Language.valueOf(link.language()),
                        now);
        return people.add(person, List.of(registered(person, "sign-up")));
    }

    // --- password reset

    /**
     * A reset link for an active account; nothing for an unknown address, and the caller cannot
     * tell.
     */
    public void requestPasswordReset(Email email) {
        Optional<Person> person = people.findByEmail(email).filter(Person::isActive);
        if (person.isEmpty()) {
            passwords.encode(OneTimeLinks.newSecret()); // about the time the known address takes
            return;
        }
        Instant now = clock.instant();
        String secret = OneTimeLinks.newSecret();
        links.add(
                secret,
                new Link(
                        Purpose.PASSWORD_RESET,
                        null,
                        person.get().id(),
                        null,
                        null,
                        null,
                        null,
                        now.plus(settings.links().passwordReset())),
                now);
        mail.passwordReset(
                person.get().email(), person.get().language(), person.get().displayName(), secret);
    }

    /** Sets the new password; the person's sessions end (whoever else held them is out). */
    public Person completePasswordReset(String secret, String password) {
        Link link =
                links.use(secret, Purpose.PASSWORD_RESET, clock.instant())
                        .orElseThrow(People::invalidLink);
        Person person =
                people.find(link.personId())
                        .filter(Person::isActive)
                        .orElseThrow(People::invalidLink);
        Person updated = people.update(person.withPassword(passwords.encode(password)), List.of());
        revokeSessions(updated.id());
        return updated;
    }

    // --- the person and their roles

    public Optional<Person> find(String personId) {
        return people.find(personId);
    }

    /**
     * The person with {@code email}, whatever their status: a login with an upstream provider is
     * linked by it.
     */
    public Optional<Person> findByEmail(Email email) {
        return people.findByEmail(email);
    }

    public Person person(String personId) {
        return people.find(personId)
                .orElseThrow(() -> ProblemException.notFound("person", personId));
    }

    public Page<Person> list(String memberId, Pageable page) {
        return people.list(memberId, page);
    }

    public Person updateProfile(String personId, String displayName, Language language) {
        return people.update(person(personId).withProfile(displayName, language), List.of());
    }

    /**
     * Sets {@code member}/{@code admin}; losing one ends the person's sessions and revokes their
     * tokens.
     */
    public Person changeRoles(Person person, Set<OrganisationRole> roles, String by) {
        Person after = person.withGrantedRoles(roles);
        return store(
                person, after, new ArrayList<>(List.of(rolesChanged(after, by))), "roles-changed");
    }

    public Person changeStaffRoles(Person person, Set<StaffRole> staffRoles, String by) {
        Person after = person.withStaffRoles(staffRoles);
        return store(
                person, after, new ArrayList<>(List.of(rolesChanged(after, by))), "roles-changed");
    }

    /** Removed from the organisation by a manager or its admin. */
    public Person removeFromOrganisation(Person person, String by) {
        Person after = person.leaveOrganisation();
        return store(
                person,
                after,
                new ArrayList<>(
                        List.of(
                                events.create(
                                        AGGREGATE,
                                        person.id(),
                                        new LeftOrganisation(
                                                person.id(),
                                                person.memberId(),
                                                LeftOrganisation.REMOVED,
                                                by)))),
                LeftOrganisation.REMOVED);
    }

    private Person store(Person before, Person after, List<PendingEvent> pending, String reason) {
        boolean loses = before.losesRightsIn(after);
        if (loses) {
            pending.add(
                    events.create(
                            AGGREGATE,
                            before.id(),
                            new AccessRevoked(before.id(), null, clock.instant(), reason)));
        }
        Person stored = people.update(after, pending);
        if (loses) {
            revokeSessions(stored.id());
        }
        return stored;
    }

    // --- what membership's events do to people

    /**
     * The applicant who filed the application becomes {@code admin} + {@code member} of the
     * admitted member.
     */
    void admitted(String memberId, String applicant) {
        Optional<Person> person = people.find(applicant);
        if (person.isEmpty()) {
            log.warn(
                    "Member {} was applied for by {}, who is not a person here: nobody becomes its"
                            + " admin",
                    memberId,
                    applicant);
            return;
        }
        Person before = person.get();
        if (before.memberId() != null && !memberId.equals(before.memberId())) {
            log.warn(
                    "Member {} was applied for by {}, who belongs to {} meanwhile: not made its"
                            + " admin",
                    memberId,
                    applicant,
                    before.memberId());
            return;
        }
        if (memberId.equals(before.memberId())
                && before.roles()
                        .containsAll(Set.of(OrganisationRole.ADMIN, OrganisationRole.MEMBER))) {
            return; // applied already
        }
        Person after =
                before.joinOrganisation(
                        memberId, Set.of(OrganisationRole.ADMIN, OrganisationRole.MEMBER));
        people.update(after, List.of(joined(after)));
    }

    /** The member left or was excluded: each of its people leaves it, and their sessions end. */
    void organisationEnded(String memberId, String reason) {
        for (Person person : people.peopleOf(memberId)) {
            Person after = person.leaveOrganisation();
            people.update(
                    after,
                    List.of(
                            events.create(
                                    AGGREGATE,
                                    person.id(),
                                    new LeftOrganisation(
                                            person.id(), memberId, reason, BY_MEMBERSHIP))));
            revokeSessions(person.id());
        }
    }

    /**
     * The member is suspended: its people keep their place but their sessions end (their tokens are
     * revoked).
     */
    void organisationSuspended(String memberId) {
        people.peopleOf(memberId).forEach(person -> revokeSessions(person.id()));
    }

    /** The {@code delegate} role moves to {@code subject}, from {@code previousSubject}. */
    void delegateAppointed(String memberId, String subject, String previousSubject) {
        if (previousSubject != null && !previousSubject.equals(subject)) {
            delegateRemoved(memberId, previousSubject);
        }
        Optional<Person> person = people.find(subject);
        if (person.isEmpty()
                || (person.get().memberId() != null && !memberId.equals(person.get().memberId()))) {
            log.warn(
                    "Member {} appointed {} as its delegate, who is not one of its people here",
                    memberId,
                    subject);
            return;
        }
        if (person.get().roles().contains(OrganisationRole.DELEGATE)) {
            return;
        }
        Person after = person.get().appointDelegate(memberId);
        people.update(after, List.of(rolesChanged(after, BY_MEMBERSHIP)));
    }

    void delegateRemoved(String memberId, String subject) {
        people.find(subject)
                .ifPresent(
                        before -> {
                            Person after = before.removeDelegate(memberId);
                            if (after != before) {
                                store(
                                        before,
                                        after,
                                        new ArrayList<>(
                                                List.of(rolesChanged(after, BY_MEMBERSHIP))),
                                        "delegate-removed");
                            }
                        });
    }

    // --- demo people and the bootstrap administrator

    /**
     * Registers a person directly, without a link: the demo cast (same events as the flows, {@code
     * via} demo).
     */
    Person registerDirectly(
            String id,
            Email email,
            String password,
            String displayName,
            Language language,
            String via) {
        Person person =
                Person.register(
                        id,
                        email,
                        passwords.encode(password),
                        displayName,
                        language,
                        clock.instant());
        return people.add(person, List.of(registered(person, via)));
    }

    /** Joins {@code memberId} with {@code roles} unless the person has them there already. */
    Person joinOrganisation(Person person, String memberId, Set<OrganisationRole> roles) {
        if (memberId.equals(person.memberId()) && person.roles().containsAll(roles)) {
            return person;
        }
        Person after = person.joinOrganisation(memberId, roles);
        return people.update(after, List.of(joined(after)));
    }

    /** Adds staff roles unless the person has them already. */
    Person grantStaffRoles(Person person, Set<StaffRole> roles, String by) {
        if (person.staffRoles().containsAll(roles)) {
            return person;
        }
        Person after = person.addStaffRoles(roles);
        return people.update(after, List.of(rolesChanged(after, by)));
    }

    boolean anyoneWith(StaffRole role) {
        return people.anyoneWith(role);
    }

    // ---

    private void revokeSessions(String personId) {
        SessionRevoker sessions = revoker.getIfAvailable();
        if (sessions == null) {
            log.warn(
                    "No SessionRevoker: the refresh tokens of person {} stay valid until they"
                            + " expire",
                    personId);
            return;
        }
        sessions.revokeAll(personId);
    }

    private PendingEvent registered(Person person, String via) {
        return events.create(
                AGGREGATE,
                person.id(),
                new PersonRegistered(
                        person.id(),
                        person.email().value(),
                        person.displayName(),
                        person.language().code(),
                        via));
    }

    private PendingEvent joined(Person person) {
        return events.create(
                AGGREGATE,
                person.id(),
                new JoinedOrganisation(
                        person.id(),
                        person.memberId(),
                        Person.claimValues(person.roles()),
                        person.email().value(),
                        person.displayName(),
                        person.language().code()));
    }

    private PendingEvent rolesChanged(Person person, String by) {
        return events.create(
                AGGREGATE,
                person.id(),
                new RolesChanged(
                        person.id(),
                        person.memberId(),
                        Person.claimValues(person.roles()),
                        Person.claimValues(person.staffRoles()),
                        by));
    }

    /**
     * The same answer for an unknown, expired, used or mistyped link: nothing to learn from which.
     */
    static ProblemException invalidLink() {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-link");
    }

    /** For the flows' callers: a rule of the domain refused the change. */
    static ProblemException problem(PersonRuleViolation violation) {
        return ProblemException.unprocessable(violation.code(), violation.args());
    }
}
