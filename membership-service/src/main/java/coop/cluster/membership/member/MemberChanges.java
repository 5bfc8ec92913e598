package coop.cluster.membership.member;

import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.persistence.MemberStore;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The members as written, for the read models that follow them closely (the directory), two ways:
 *
 * <ul>
 *   <li>{@link Written}: published in this process after each member write. Writes made by other
 *       instances are not announced this way, so such readers also follow {@link #changedSince};
 *   <li>{@link #changedSince}: the members by time of last write, which finds what every instance
 *       wrote.
 * </ul>
 */
@Service
public class MemberChanges {

    /**
     * Published in this process after each member write (by {@link MemberStore}), with the member
     * as stored.
     */
    public record Written(Member member) {}

    /** A member as of a write, with the write's time. */
    public record Change(Member member, Instant updatedAt) {}

    private final MemberStore members;

    MemberChanges(MemberStore members) {
        this.members = members;
    }

    /**
     * Members written at or after {@code since}, oldest write first (then by id), at most {@code
     * limit}.
     */
    public List<Change> changedSince(Instant since, int limit) {
        return members.changedSince(since, limit);
    }
}
