package coop.cluster.membership.member;

import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.events.MemberApplied;
import coop.cluster.membership.member.persistence.MemberStore;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.web.ProblemException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Applications to join the cluster. */
@Service
public class Applications {

    private static final Logger log = LoggerFactory.getLogger(Applications.class);

    private final MemberStore members;
    private final EventFactory events;
    private final Clock clock;

    Applications(MemberStore members, EventFactory events, Clock clock) {
        this.members = members;
        this.events = events;
        this.clock = clock;
    }

    public Member apply(String legalName, String registrationNumber, String country) {
        return apply(MemberId.newId(), legalName, registrationNumber, country);
    }

    /** An application under an id chosen beforehand, as for the demo organisations the identity provider knows. */
    Member apply(MemberId id, String legalName, String registrationNumber, String country) {
        Member member = Member.apply(id, legalName, registrationNumber, country, clock.instant());
        var applied = new MemberApplied(member.id().value(), member.legalName(), member.registrationNumber(),
                member.country(), member.appliedAt());
        try {
            Member stored = members.add(member, List.of(events.create("members", member.id().value(), applied)));
            log.info("{} applied to join as member {}", stored.legalName(), stored.id());
            return stored;
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("duplicate-registration", member.registrationNumber());
        }
    }

    public java.util.Optional<Member> find(MemberId id) {
        return members.find(id);
    }

    public Member get(MemberId id) {
        return members.find(id).orElseThrow(() -> ProblemException.notFound("member", id));
    }
}
