package coop.cluster.project.project.domain;

import coop.cluster.plumbing.domain.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A cooperation project: started by an active member, its leader, who alone edits it. Plain Java:
 * every change returns a new {@code Project} or throws {@link RuleViolation}.
 *
 * @param partners the members taking part, the leader first
 * @param proposedLeader the partner the leader offered the leadership to, until it accepts or
 *     declines; or null
 * @param agreement the current version of the partnership agreement, with its signatures; or null
 * @param targetCallClosedAt when the funding call the project aims at closed, as funding-watch
 *     announced it; null while it is open, unknown, or the project aims at none
 * @param version the store's optimistic-concurrency version, {@code null} before the first write
 */
public record Project(
        String id,
        String leader,
        ProjectDetails details,
        ProjectStatus status,
        List<Partner> partners,
        Instant createdAt,
        Instant statusChangedAt,
        String statusReason,
        String proposedLeader,
        Agreement agreement,
        Instant targetCallClosedAt,
        Long version) {

    /** A member taking part, in a role. */
    public record Partner(String memberId, String role, Instant joinedAt) {}

    public Project {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(status, "status");
        partners = List.copyOf(partners);
    }

    /** A new project in DRAFT, with its leader as its first partner. */
    public static Project start(String id, String leader, ProjectDetails details, Instant now) {
        return new Project(
                id,
                leader,
                details,
                ProjectStatus.DRAFT,
                List.of(new Partner(leader, "leader", now)),
                now,
                now,
                null,
                null,
                null,
                null,
                null);
    }

    public boolean isLedBy(String member) {
        return leader.equals(member);
    }

    public boolean hasPartner(String member) {
        return partners.stream().anyMatch(p -> p.memberId().equals(member));
    }

    /** A member joins, having accepted an invitation; the project must not be over. */
    public Project join(String member, String role, Instant now) {
        requireNotFinal("join");
        if (hasPartner(member)) {
            throw new RuleViolation("already-partner", member, id);
        }
        List<Partner> next = new java.util.ArrayList<>(partners);
        next.add(new Partner(member, role, now));
        return new Project(
                id,
                leader,
                details,
                status,
                next,
                createdAt,
                statusChangedAt,
                statusReason,
                proposedLeader,
                agreement,
                targetCallClosedAt,
                version);
    }

    /**
     * A partner other than the leader leaves the project; the leader hands the leadership over
     * first.
     */
    public Project leave(String member) {
        requireNotFinal("leave");
        if (!hasPartner(member)) {
            throw new RuleViolation("not-a-partner", member, id);
        }
        if (isLedBy(member)) {
            throw new RuleViolation("leader-cannot-leave", id);
        }
        List<Partner> next = partners.stream().filter(p -> !p.memberId().equals(member)).toList();
        String proposed = member.equals(proposedLeader) ? null : proposedLeader;
        return new Project(
                id,
                leader,
                details,
                status,
                next,
                createdAt,
                statusChangedAt,
                statusReason,
                proposed,
                agreement,
                targetCallClosedAt,
                version);
    }

    /** The leader offers the leadership to a partner, who must accept it. */
    public Project offerLeadership(String by, String partner) {
        requireLeader(by);
        requireNotFinal("hand over");
        if (!hasPartner(partner) || isLedBy(partner)) {
            throw new RuleViolation("not-a-partner", partner, id);
        }
        return new Project(
                id,
                leader,
                details,
                status,
                partners,
                createdAt,
                statusChangedAt,
                statusReason,
                partner,
                agreement,
                targetCallClosedAt,
                version);
    }

    /**
     * The partner offered the leadership takes it ({@code accept}) or not; either way the offer is
     * over.
     */
    public Project answerLeadership(String by, boolean accept) {
        if (proposedLeader == null || !proposedLeader.equals(by)) {
            throw new RuleViolation("no-leadership-offer", by, id);
        }
        requireNotFinal("hand over");
        return new Project(
                id,
                accept ? by : leader,
                details,
                status,
                partners,
                createdAt,
                statusChangedAt,
                statusReason,
                null,
                agreement,
                targetCallClosedAt,
                version);
    }

    /**
     * The leader proposes a new version of the agreement, for the partners of today; every partner
     * must sign it again.
     */
    public Project proposeAgreement(
            String by,
            String currency,
            List<Agreement.Contribution> contributions,
            String coordinator,
            List<Agreement.Task> tasks,
            String settlementRule,
            Instant now) {
        requireLeader(by);
        if (status != ProjectStatus.FORMING && status != ProjectStatus.ACTIVE) {
            throw new RuleViolation(
                    "invalid-project-transition", "propose an agreement for", id, status);
        }
        int next = agreement == null ? 1 : agreement.version() + 1;
        Agreement proposed =
                Agreement.propose(
                        next,
                        currency,
                        contributions,
                        coordinator,
                        tasks,
                        settlementRule,
                        partners.stream().map(Partner::memberId).toList(),
                        now);
        return new Project(
                id,
                leader,
                details,
                status,
                partners,
                createdAt,
                statusChangedAt,
                statusReason,
                proposedLeader,
                proposed,
                targetCallClosedAt,
                version);
    }

    /**
     * A partner signs the agreement's current {@code agreementVersion}. Once every partner has
     * signed, a forming project becomes active.
     */
    public Project sign(String member, int agreementVersion, Instant now) {
        requireNotFinal("sign the agreement of");
        if (agreement == null) {
            throw new RuleViolation("no-agreement", id);
        }
        if (agreement.version() != agreementVersion) {
            throw new RuleViolation("agreement-changed", agreementVersion, agreement.version());
        }
        if (!hasPartner(member)) {
            throw new RuleViolation("not-a-partner", member, id);
        }
        if (!agreement
                .parties()
                .equals(
                        new java.util.HashSet<>(
                                partners.stream().map(Partner::memberId).toList()))) {
            throw new RuleViolation("agreement-outdated", agreement.version(), id);
        }
        if (agreement.signatures().containsKey(member)) {
            throw new RuleViolation("already-signed", member, agreement.version());
        }
        Agreement signed = agreement.signedBy(member, now);
        boolean complete = signed.signedByAll(partners.stream().map(Partner::memberId).toList());
        ProjectStatus next =
                complete && status == ProjectStatus.FORMING ? ProjectStatus.ACTIVE : status;
        return new Project(
                id,
                leader,
                details,
                next,
                partners,
                createdAt,
                next == status ? statusChangedAt : now,
                statusReason,
                proposedLeader,
                signed,
                targetCallClosedAt,
                version);
    }

    /** Every partner has signed the current agreement. */
    public boolean agreementSigned() {
        return agreement != null
                && agreement.signedByAll(partners.stream().map(Partner::memberId).toList());
    }

    /** The leader edits what the project is and seeks, until it closes. */
    public Project edit(String by, ProjectDetails changed) {
        requireLeader(by);
        requireNotFinal("edit");
        boolean sameTarget = Objects.equals(changed.targetCallId(), details.targetCallId());
        return new Project(
                id,
                leader,
                changed,
                status,
                partners,
                createdAt,
                statusChangedAt,
                statusReason,
                proposedLeader,
                agreement,
                sameTarget ? targetCallClosedAt : null,
                version);
    }

    /** The leader opens a draft to partners: it is forming. */
    public Project open(String by, Instant now) {
        requireLeader(by);
        require(ProjectStatus.DRAFT, "open");
        return withStatus(ProjectStatus.FORMING, null, now);
    }

    /** An active project's work is done. */
    public Project close(String by, String reason, Instant now) {
        requireLeader(by);
        require(ProjectStatus.ACTIVE, "close");
        return withStatus(ProjectStatus.CLOSED, reason, now);
    }

    /**
     * The project is given up before it closes, by its leader (or a manager, who passes the leader
     * as {@code by}).
     */
    public Project abandon(String by, String reason, Instant now) {
        requireLeader(by);
        requireNotFinal("abandon");
        return withStatus(ProjectStatus.ABANDONED, reason, now);
    }

    /**
     * The funding call the project aims at has closed: the project is flagged, so its partners look
     * for another call or give it up. Unchanged (the same object) if the project aims at another
     * call, is over, or is flagged already.
     */
    public Project targetCallClosed(String callId, Instant closedAt) {
        if (status.isFinal()
                || targetCallClosedAt != null
                || !callId.equals(details.targetCallId())) {
            return this;
        }
        return new Project(
                id,
                leader,
                details,
                status,
                partners,
                createdAt,
                statusChangedAt,
                statusReason,
                proposedLeader,
                agreement,
                closedAt,
                version);
    }

    /**
     * The call the project aims at opened again (its deadline moved): the flag is lifted. Unchanged
     * otherwise.
     */
    public Project targetCallReopened(String callId) {
        if (status.isFinal()
                || targetCallClosedAt == null
                || !callId.equals(details.targetCallId())) {
            return this;
        }
        return new Project(
                id,
                leader,
                details,
                status,
                partners,
                createdAt,
                statusChangedAt,
                statusReason,
                proposedLeader,
                agreement,
                null,
                version);
    }

    private Project withStatus(ProjectStatus next, String reason, Instant now) {
        return new Project(
                id,
                leader,
                details,
                next,
                partners,
                createdAt,
                now,
                reason,
                proposedLeader,
                agreement,
                targetCallClosedAt,
                version);
    }

    private void requireLeader(String by) {
        if (!isLedBy(by)) {
            throw new RuleViolation("not-the-leader", id);
        }
    }

    private void require(ProjectStatus expected, String action) {
        if (status != expected) {
            throw new RuleViolation("invalid-project-transition", action, id, status);
        }
    }

    private void requireNotFinal(String action) {
        if (status.isFinal()) {
            throw new RuleViolation("invalid-project-transition", action, id, status);
        }
    }
}
