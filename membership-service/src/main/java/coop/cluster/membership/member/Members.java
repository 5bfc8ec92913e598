package coop.cluster.membership.member;

import coop.cluster.membership.member.domain.Delegate;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.MemberRuleViolation;
import coop.cluster.membership.member.domain.MemberStatus;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.events.DelegateAppointed;
import coop.cluster.membership.member.events.DelegateRemoved;
import coop.cluster.membership.member.events.MemberAdmitted;
import coop.cluster.membership.member.events.MemberApplied;
import coop.cluster.membership.member.events.MemberExcluded;
import coop.cluster.membership.member.events.MemberLeft;
import coop.cluster.membership.member.events.MemberProfileChanged;
import coop.cluster.membership.member.events.MemberReinstated;
import coop.cluster.membership.member.events.MemberRejected;
import coop.cluster.membership.member.events.MemberSuspended;
import coop.cluster.membership.member.events.PublicProfile;
import coop.cluster.membership.member.persistence.MemberStore;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.web.IdempotencyKeys;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Applications, admission and the member lifecycle, profiles and delegates. Each change is one
 * conditional write of the member document together with the event that announces it (the outbox),
 * so a change is never stored without its event nor announced without being stored, and a change
 * made on a stale read fails instead of overwriting.
 */
@Service
public class Members implements CouncilRoll {

    private static final Logger log = LoggerFactory.getLogger(Members.class);

    /** Why a delegate lost the seat: the person left the member organisation. */
    public static final String LEFT_ORGANISATION = "left-organisation";

    private final MemberStore members;
    private final MemberPeople people;
    private final EventFactory events;
    private final Clock clock;
    private final MeterRegistry meters;

    Members(
            MemberStore members,
            MemberPeople people,
            EventFactory events,
            Clock clock,
            MeterRegistry meters) {
        this.members = members;
        this.people = people;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
    }

    /** An application not listed on the public page. */
    public Member apply(Profile profile, String appliedBy) {
        return apply(profile, false, appliedBy);
    }

    /** An application under an id chosen beforehand, not listed on the public page. */
    public Member apply(MemberId id, Profile profile) {
        return apply(id, profile, false);
    }

    /**
     * @param listedPublicly whether the organisation chooses to be listed on the public page once
     *     active
     * @param appliedBy the subject of the person filing it, announced so that identity makes them
     *     its admin
     */
    public Member apply(Profile profile, boolean listedPublicly, String appliedBy) {
        return apply(MemberId.newId(), profile, listedPublicly, appliedBy);
    }

    /**
     * An application and whether it was stored by an earlier request under the same idempotency
     * key.
     */
    public record Application(Member member, boolean replayed) {}

    /**
     * An application a client may retry: under {@code idempotencyKey} (the {@code Idempotency-Key}
     * header), the member's id is named by the key and the caller, so a retry of a request that was
     * stored answers the stored member instead of a second one or a {@code duplicate-registration};
     * the same key for another organisation is a {@code 422 idempotency-conflict}. Without a key,
     * as {@link #apply(Profile, boolean, String)}.
     */
    public Application apply(
            Profile profile, boolean listedPublicly, String appliedBy, String idempotencyKey) {
        if (idempotencyKey == null) {
            return new Application(apply(profile, listedPublicly, appliedBy), false);
        }
        MemberId id =
                new MemberId(
                        IdempotencyKeys.idFor(
                                "member-application", String.valueOf(appliedBy), idempotencyKey));
        try {
            return new Application(apply(id, profile, listedPublicly, appliedBy), false);
        } catch (ProblemException refused) {
            Member stored = members.find(id).orElseThrow(() -> refused);
            if (!stored.profile().registrationNumber().equals(profile.registrationNumber())) {
                throw IdempotencyKeys.conflict(idempotencyKey);
            }
            log.info(
                    "application of {} under idempotency key {} replayed: member {}",
                    profile.legalName(),
                    idempotencyKey,
                    id);
            return new Application(stored, true);
        }
    }

    /**
     * An application under an id chosen beforehand, as for the demo organisations the identity
     * provider knows.
     */
    public Member apply(MemberId id, Profile profile, boolean listedPublicly) {
        return apply(id, profile, listedPublicly, null);
    }

    private Member apply(MemberId id, Profile profile, boolean listedPublicly, String appliedBy) {
        Member member = Member.apply(id, profile, listedPublicly, clock.instant());
        var applied =
                new MemberApplied(
                        id.value(),
                        member.status().name(),
                        profile.legalName(),
                        profile.registrationNumber(),
                        profile.country(),
                        PublicProfile.of(member),
                        member.appliedAt(),
                        appliedBy);
        try {
            Member stored =
                    members.add(member, List.of(events.create("members", id.value(), applied)));
            count("applied");
            log.info("{} applied to join as member {}", profile.legalName(), id);
            return stored;
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("duplicate-registration", profile.registrationNumber());
        }
    }

    public Member admit(MemberId id, String reason, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "admitted",
                m -> m.admit(reason, now()),
                (before, m) ->
                        new MemberAdmitted(
                                id.value(),
                                m.status().name(),
                                PublicProfile.of(m),
                                reason,
                                m.admittedAt()));
    }

    public Member reject(MemberId id, String reason, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "rejected",
                m -> m.reject(reason, now()),
                (before, m) ->
                        new MemberRejected(
                                id.value(), m.status().name(), reason, m.statusChangedAt()));
    }

    /**
     * @param cause {@code manager} or {@code fee-overdue}: who or what suspended the member
     */
    public Member suspend(MemberId id, String reason, String cause, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "suspended",
                m -> m.suspend(reason, now()),
                (before, m) ->
                        new MemberSuspended(
                                id.value(), m.status().name(), reason, cause, m.statusChangedAt()));
    }

    /**
     * Suspends an active member for overdue invoice {@code invoiceId}, once: the same invoice never
     * suspends it twice, even after a manager reinstated it, so a redelivered event changes
     * nothing.
     *
     * @return the suspended member, or empty when there was nothing to do (unknown or inactive
     *     member, or already suspended for this invoice)
     */
    public Optional<Member> suspendForOverdue(MemberId id, String invoiceId, String reason) {
        for (int attempt = 1; ; attempt++) {
            Optional<Member> current = members.find(id);
            Optional<Member> next =
                    current.flatMap(m -> m.suspendForOverdue(invoiceId, reason, now()));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            var event =
                    new MemberSuspended(
                            id.value(),
                            next.get().status().name(),
                            reason,
                            "fee-overdue",
                            next.get().statusChangedAt());
            try {
                Member stored =
                        members.update(
                                next.get(), List.of(events.create("members", id.value(), event)));
                count("suspended");
                log.info("Member {} suspended: invoice {} overdue", id, invoiceId);
                return Optional.of(stored);
            } catch (OptimisticLockingFailureException raced) {
                if (attempt == 5) {
                    throw raced;
                }
            }
        }
    }

    public Member reinstate(MemberId id, String reason, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "reinstated",
                m -> m.reinstate(reason, now()),
                (before, m) ->
                        new MemberReinstated(
                                id.value(), m.status().name(), reason, m.statusChangedAt()));
    }

    public Member leave(MemberId id, String reason, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "left",
                m -> m.leave(reason, now()),
                (before, m) ->
                        new MemberLeft(id.value(), m.status().name(), reason, m.statusChangedAt()));
    }

    public Member exclude(MemberId id, String reason, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "excluded",
                m -> m.exclude(reason, now()),
                (before, m) ->
                        new MemberExcluded(
                                id.value(), m.status().name(), reason, m.statusChangedAt()));
    }

    /**
     * Replaces the profile and, when {@code listedPublicly} is given, the choice to be listed on
     * the public page; {@code null} keeps the current choice.
     */
    public Member updateProfile(
            MemberId id, Profile profile, Boolean listedPublicly, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "profile-changed",
                m -> {
                    Member changed = m.withProfile(profile);
                    return listedPublicly == null
                            ? changed
                            : changed.listedPublicly(listedPublicly);
                },
                (before, m) ->
                        new MemberProfileChanged(
                                id.value(), m.status().name(), PublicProfile.of(m), now()));
    }

    /**
     * The public page: active members listed by their own choice, by legal name (ignoring case and
     * accents).
     *
     * @param nameContains part of the legal name, any case or accents; null for all
     * @param country an ISO 3166-1 alpha-2 code; null for all
     */
    public Page<Member> publicMembers(String nameContains, String country, Pageable page) {
        return members.listedPublicly(nameContains, country, page);
    }

    /**
     * Appoints {@code subject}, who must be one of the member's people (the identity service's, as
     * membership's view {@code organisation_people} knows them): otherwise 422 {@code
     * delegate-not-a-person-of-member}.
     */
    public Member appointDelegate(
            MemberId id, String subject, String name, String email, Long ifMatch) {
        return appoint(id, subject, name, email, ifMatch, true);
    }

    /**
     * The demo seed's appointment ({@link DemoMembers}), without the check that {@code subject} is
     * one of the member's people: the demo people are the identity service's to announce, and
     * membership seeds its demo organisations at start, before their events may have arrived.
     * Nothing else appoints this way.
     */
    Member seatDemoDelegate(MemberId id, String subject, String name, Long ifMatch) {
        return appoint(id, subject, name, null, ifMatch, false);
    }

    private Member appoint(
            MemberId id,
            String subject,
            String name,
            String email,
            Long ifMatch,
            boolean onlyItsPeople) {
        return change(
                id,
                ifMatch,
                "delegate-appointed",
                m -> {
                    Member appointed = m.appoint(new Delegate(subject, name, email, now()));
                    if (onlyItsPeople) {
                        requirePersonOf(id, subject);
                    }
                    return appointed;
                },
                (before, m) ->
                        new DelegateAppointed(
                                id.value(),
                                subject,
                                name,
                                before.delegate() == null ? null : before.delegate().subject(),
                                m.delegate().appointedAt()));
    }

    /**
     * Nominates {@code subject}, who must be one of the member's people, as its delegate: the seat
     * is theirs once they accept it ({@link #acceptDelegacy}), which only a user of the member can
     * do. No event: nothing has changed on the council yet.
     */
    public Member nominateDelegate(
            MemberId id, String subject, String name, String email, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "delegate-nominated",
                m -> {
                    Member nominated = m.nominate(new Delegate(subject, name, email, now()));
                    requirePersonOf(id, subject);
                    return nominated;
                },
                null);
    }

    /**
     * The person {@code subject} left the member organisation: if they hold its seat they lose it
     * (event {@code delegate-removed}), and a pending nomination of theirs is dropped. Idempotent:
     * once they hold neither, nothing happens, so a redelivered event changes nothing.
     *
     * @return the member after the change, or empty when there was nothing to change (or no such
     *     member)
     */
    public Optional<Member> removePerson(MemberId id, String subject, String reason) {
        for (int attempt = 1; ; attempt++) {
            Optional<Member> current = members.find(id);
            Optional<Member> next = current.flatMap(m -> m.withoutPerson(subject));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            boolean seated =
                    current.get().delegate() != null
                            && current.get().delegate().subject().equals(subject);
            List<PendingEvent> removed =
                    seated
                            ? List.of(
                                    events.create(
                                            "members",
                                            id.value(),
                                            new DelegateRemoved(
                                                    id.value(), subject, reason, now())))
                            : List.of();
            try {
                Member stored = members.update(next.get(), removed);
                count(seated ? "delegate-removed" : "nomination-dropped");
                log.info(
                        "Member {}: {} left the organisation and {}",
                        id,
                        subject,
                        seated ? "lost the seat" : "their nomination was dropped");
                return Optional.of(stored);
            } catch (OptimisticLockingFailureException raced) {
                if (attempt == 5) {
                    throw raced;
                }
            }
        }
    }

    private void requirePersonOf(MemberId id, String subject) {
        if (!people.isPersonOf(id, subject)) {
            throw ProblemException.unprocessable(
                    "delegate-not-a-person-of-member", id.value(), subject);
        }
    }

    /**
     * The nominee {@code subject}, whose token shows that it is a user of the member, accepts the
     * seat. Accepting again once it is theirs answers the member as it is.
     */
    public Member acceptDelegacy(MemberId id, String subject) {
        Member current = get(id);
        if (current.nominee() == null
                && current.delegate() != null
                && current.delegate().subject().equals(subject)) {
            return current;
        }
        return change(
                id,
                null,
                "delegate-appointed",
                m -> m.acceptNomination(subject, now()),
                (before, m) ->
                        new DelegateAppointed(
                                id.value(),
                                subject,
                                m.delegate().name(),
                                before.delegate() == null ? null : before.delegate().subject(),
                                m.delegate().appointedAt()));
    }

    public Optional<Member> find(MemberId id) {
        return members.find(id);
    }

    public Member get(MemberId id) {
        return members.find(id).orElseThrow(() -> ProblemException.notFound("member", id));
    }

    public Page<Member> list(MemberStatus status, Pageable page) {
        return members.list(status, page);
    }

    @Override
    public List<Seat> seats() {
        return members.activeWithAnyDelegate().stream()
                .map(m -> new Seat(m.id(), m.delegate().subject(), m.delegate().name()))
                .toList();
    }

    @Override
    public Optional<Seat> seatOf(MemberId member) {
        return members.find(member)
                .filter(m -> m.isActive() && m.delegate() != null)
                .map(m -> new Seat(m.id(), m.delegate().subject(), m.delegate().name()));
    }

    @Override
    public boolean isActive(MemberId member) {
        return members.find(member).map(Member::isActive).orElse(false);
    }

    /**
     * Checks the caller's {@code If-Match} version, applies {@code transition} and writes the
     * result with its event (made from the member before and after; none if {@code event} is null),
     * conditional on the version decided on. The member is the one this process last read or wrote:
     * if the change fails on it, it is decided again on the stored member ({@link
     * MemberStore#decide}), so a change costs one write, not a read and a write.
     */
    private Member change(
            MemberId id,
            Long ifMatch,
            String what,
            UnaryOperator<Member> transition,
            java.util.function.BiFunction<Member, Member, Object> event) {
        Member stored =
                members.decide(
                        id,
                        found -> {
                            Member current =
                                    found.orElseThrow(
                                            () -> ProblemException.notFound("member", id));
                            if (ifMatch != null && !ifMatch.equals(current.version())) {
                                throw new ProblemException(
                                        HttpStatus.PRECONDITION_FAILED,
                                        "stale-version",
                                        ifMatch,
                                        current.version());
                            }
                            Member next;
                            try {
                                next = transition.apply(current);
                            } catch (MemberRuleViolation violation) {
                                HttpStatus status =
                                        switch (violation.code()) {
                                            case "registration-number-fixed" ->
                                                    HttpStatus.UNPROCESSABLE_CONTENT;
                                            case "delegate-nomination-missing" ->
                                                    HttpStatus.FORBIDDEN;
                                            default -> HttpStatus.CONFLICT;
                                        };
                                throw new ProblemException(
                                        status, violation.code(), violation.args());
                            }
                            return members.update(
                                    next,
                                    event == null
                                            ? List.of()
                                            : List.of(
                                                    events.create(
                                                            "members",
                                                            id.value(),
                                                            event.apply(current, next))));
                        });
        count(what);
        log.info("Member {} {}", id, what);
        return stored;
    }

    private Instant now() {
        return clock.instant();
    }

    private void count(String change) {
        meters.counter("cluster.membership.member.changes", "change", change).increment();
    }
}
