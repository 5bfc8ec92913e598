package coop.cluster.membership.council.persistence;

import coop.cluster.membership.council.domain.Ballot;
import coop.cluster.membership.council.domain.FeeExemption;
import coop.cluster.membership.council.domain.FeeSchedule;
import coop.cluster.membership.council.domain.GroupCreation;
import coop.cluster.membership.council.domain.LateAdmission;
import coop.cluster.membership.council.domain.MajorityRule;
import coop.cluster.membership.council.domain.Motion;
import coop.cluster.membership.council.domain.OverduePolicy;
import coop.cluster.membership.council.domain.Proposal;
import coop.cluster.membership.council.domain.ProposalId;
import coop.cluster.membership.council.domain.ProposalStatus;
import coop.cluster.membership.council.domain.Tally;
import coop.cluster.membership.council.domain.VoteChoice;
import coop.cluster.membership.council.domain.VotingRules;
import coop.cluster.membership.council.persistence.ProposalDocument.BallotDoc;
import coop.cluster.membership.council.persistence.ProposalDocument.ExemptionDoc;
import coop.cluster.membership.council.persistence.ProposalDocument.FeeScheduleDoc;
import coop.cluster.membership.council.persistence.ProposalDocument.GroupDoc;
import coop.cluster.membership.council.persistence.ProposalDocument.OutcomeDoc;
import coop.cluster.membership.council.persistence.ProposalDocument.PolicyDoc;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.outbox.VersionedDocuments;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Proposals and the resolutions they became; every change goes out with its events in one
 * single-document write.
 */
@Repository
public class ProposalStore {

    private static final String ADOPTED = ProposalStatus.ADOPTED.name();

    private final MongoTemplate mongo;
    private final VersionedDocuments<Proposal, ProposalDocument> proposals;

    ProposalStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.mongo = mongo;
        this.proposals =
                VersionedDocuments.of(
                        mongo,
                        outbox,
                        ProposalDocument.class,
                        proposal -> toDocument(proposal, false),
                        ProposalStore::toDomain);
    }

    public Proposal add(Proposal proposal, List<PendingEvent> events) {
        return proposals.insert(proposal, events);
    }

    /**
     * Writes the proposal's new state if the stored version is still {@code proposal.version()}.
     *
     * @param effectPending whether an adopted resolution's effect in another document is still to
     *     be made
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone changed it in
     *     between
     */
    public Proposal update(Proposal proposal, boolean effectPending, List<PendingEvent> events) {
        return proposals.updateDocument(toDocument(proposal, effectPending), events);
    }

    public Optional<Proposal> find(ProposalId id) {
        return proposals.find(id.value());
    }

    /**
     * Proposals in {@code status} (all when null) and of {@code kind} (all when null), newest
     * first.
     */
    public Page<Proposal> list(ProposalStatus status, Motion.Kind kind, Pageable page) {
        Criteria criteria = new Criteria();
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        if (kind != null) {
            criteria = criteria.and("kind").is(kind.name());
        }
        return proposals.page(
                Query.query(criteria), page, Sort.by(Sort.Direction.DESC, "tabledAt", "_id"));
    }

    /** Open proposals whose deadline is {@code now} or earlier, earliest deadline first. */
    public List<Proposal> due(Instant now, int limit) {
        Query query =
                Query.query(
                                Criteria.where("status")
                                        .is(ProposalStatus.OPEN.name())
                                        .and("deadline")
                                        .lte(now))
                        .with(Sort.by("deadline", "_id"))
                        .limit(limit);
        return proposals.list(query);
    }

    /** Adopted resolutions whose effect in another document is not confirmed yet. */
    public List<Proposal> withEffectPending(int limit) {
        return proposals.list(Query.query(Criteria.where("effectPending").is(true)).limit(limit));
    }

    /**
     * Records that an adopted resolution's effect is made. Idempotent; the proposal is closed,
     * nothing else moves.
     */
    public void effectDone(ProposalId id) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id.value())),
                new Update().unset("effectPending"),
                ProposalDocument.class);
    }

    /** The resolution of {@code kind} adopted last, if any. */
    public Optional<Proposal> latestAdopted(Motion.Kind kind) {
        return adopted(kind, null, Pageable.ofSize(1)).stream().findFirst();
    }

    /** Adopted resolutions of {@code kind} whose terms match, the most recently adopted first. */
    private Page<Proposal> adopted(Motion.Kind kind, Criteria terms, Pageable page) {
        Query query = Query.query(Criteria.where("status").is(ADOPTED).and("kind").is(kind.name()));
        if (terms != null) {
            query.addCriteria(terms);
        }
        return proposals.page(query, page, Sort.by(Sort.Direction.DESC, "outcome.closedAt", "_id"));
    }

    /**
     * The fee schedules adopted for {@code year} (all years when null), the most recently adopted
     * first.
     */
    public Page<Proposal> adoptedFeeSchedules(Integer year, Pageable page) {
        return adopted(
                Motion.Kind.FEE_SCHEDULE,
                year == null ? null : Criteria.where("feeSchedule.feeYear").is(year),
                page);
    }

    /**
     * The fee exemptions granted to {@code member} (to anyone when null), the most recently granted
     * first.
     */
    public Page<Proposal> adoptedExemptions(MemberId member, Pageable page) {
        return adopted(
                Motion.Kind.FEE_EXEMPTION,
                member == null ? null : Criteria.where("feeExemption.memberId").is(member.value()),
                page);
    }

    /**
     * Whether an open proposal would create a group of this name (compared by {@link
     * GroupCreation#nameKey()}).
     */
    public boolean groupNamePending(String nameKey) {
        return proposals.exists(
                Query.query(
                        Criteria.where("status")
                                .is(ProposalStatus.OPEN.name())
                                .and("groupCreation.nameKey")
                                .is(nameKey)));
    }

    private static ProposalDocument toDocument(Proposal p, boolean effectPending) {
        Motion motion = p.motion();
        var outcome = p.outcome();
        return new ProposalDocument(
                p.id().value(),
                p.title(),
                motion.kind().name(),
                motion instanceof FeeSchedule s ? feeScheduleDoc(s) : null,
                motion instanceof FeeExemption e
                        ? new ExemptionDoc(
                                e.member().value(),
                                e.extent().name(),
                                e.percent().toPlainString(),
                                e.reason(),
                                e.validFrom().toString(),
                                e.validUntil().toString())
                        : null,
                motion instanceof GroupCreation g
                        ? new GroupDoc(g.name(), g.nameKey(), g.description(), g.interests())
                        : null,
                motion instanceof OverduePolicy o
                        ? new PolicyDoc(o.suspend(), o.suspendAfterDays())
                        : null,
                p.tabledBy(),
                p.tabledAt(),
                p.deadline(),
                p.electorate().stream().map(MemberId::value).toList(),
                p.rules().quorumPercent(),
                p.rules().majority().name(),
                p.ballots().values().stream()
                        .map(
                                b ->
                                        new BallotDoc(
                                                b.seat().value(),
                                                b.delegateSubject(),
                                                b.choice().name(),
                                                b.castAt(),
                                                b.changes()))
                        .toList(),
                p.status().name(),
                outcome == null
                        ? null
                        : new OutcomeDoc(
                                outcome.tally().forVotes(),
                                outcome.tally().against(),
                                outcome.tally().abstain(),
                                outcome.tally().electorate(),
                                outcome.reason(),
                                outcome.early(),
                                outcome.closedAt()),
                effectPending ? Boolean.TRUE : null,
                p.version());
    }

    private static FeeScheduleDoc feeScheduleDoc(FeeSchedule schedule) {
        Map<String, String> amounts = new LinkedHashMap<>();
        schedule.amounts()
                .forEach(
                        (category, amount) -> amounts.put(category.name(), amount.toPlainString()));
        return new FeeScheduleDoc(
                schedule.feeYear(), schedule.currency(), amounts, schedule.lateAdmission().name());
    }

    private static Proposal toDomain(ProposalDocument doc) {
        Map<MemberId, Ballot> ballots = new LinkedHashMap<>();
        for (BallotDoc b : doc.ballots() == null ? List.<BallotDoc>of() : doc.ballots()) {
            ballots.put(
                    new MemberId(b.seat()),
                    new Ballot(
                            new MemberId(b.seat()),
                            b.delegateSubject(),
                            VoteChoice.valueOf(b.choice()),
                            b.castAt(),
                            b.changes()));
        }
        OutcomeDoc o = doc.outcome();
        return new Proposal(
                new ProposalId(doc.id()),
                doc.title(),
                motion(doc),
                doc.tabledBy(),
                doc.tabledAt(),
                doc.deadline(),
                doc.electorate().stream().map(MemberId::new).toList(),
                new VotingRules(doc.quorumPercent(), MajorityRule.valueOf(doc.majority())),
                ballots,
                ProposalStatus.valueOf(doc.status()),
                o == null
                        ? null
                        : new Proposal.Outcome(
                                new Tally(o.forVotes(), o.against(), o.abstain(), o.electorate()),
                                o.reason(),
                                o.early(),
                                o.closedAt()),
                doc.version());
    }

    private static Motion motion(ProposalDocument doc) {
        return switch (Motion.Kind.valueOf(doc.kind())) {
            case FEE_SCHEDULE -> {
                Map<OrganisationType, BigDecimal> amounts = new EnumMap<>(OrganisationType.class);
                doc.feeSchedule()
                        .amounts()
                        .forEach(
                                (category, amount) ->
                                        amounts.put(
                                                OrganisationType.valueOf(category),
                                                new BigDecimal(amount)));
                String late = doc.feeSchedule().lateAdmission();
                yield new FeeSchedule(
                        doc.feeSchedule().feeYear(),
                        doc.feeSchedule().currency(),
                        amounts,
                        late == null ? null : LateAdmission.valueOf(late));
            }
            case FEE_EXEMPTION -> {
                ExemptionDoc e = doc.feeExemption();
                yield new FeeExemption(
                        new MemberId(e.memberId()),
                        FeeExemption.Extent.valueOf(e.extent()),
                        new BigDecimal(e.percent()),
                        e.reason(),
                        LocalDate.parse(e.validFrom()),
                        LocalDate.parse(e.validUntil()));
            }
            case GROUP_CREATION ->
                    new GroupCreation(
                            doc.groupCreation().name(),
                            doc.groupCreation().description(),
                            doc.groupCreation().interests());
            case OVERDUE_POLICY ->
                    new OverduePolicy(
                            doc.overduePolicy().suspend(), doc.overduePolicy().suspendAfterDays());
        };
    }
}
