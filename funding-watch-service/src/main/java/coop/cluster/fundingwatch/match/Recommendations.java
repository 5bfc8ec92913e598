package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.search.CallIndex;
import coop.cluster.fundingwatch.call.search.CallQuery;
import coop.cluster.fundingwatch.call.search.CallSearch;
import coop.cluster.fundingwatch.profile.MatchingViews;
import coop.cluster.fundingwatch.watch.Watches;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.security.ClusterRole;
import coop.cluster.plumbing.web.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * A member's recommended calls: the open and forthcoming calls that fit it, worked out when asked,
 * by the same rules as "opportunity matched" ({@link Scorer}), against the member's profile, its
 * groups, the forming projects it takes part in and its watches. So a member admitted after a call
 * was published is recommended it too. The search index finds up to {@value #CANDIDATES} calls that
 * mention any of their labels; each is scored for each of these targets, and the best fit counts.
 */
@Service
public class Recommendations {

    static final int CANDIDATES = 500;
    private static final Set<CallStatus> LIVE = Set.of(CallStatus.OPEN, CallStatus.FORTHCOMING);

    private final TargetIndex index;
    private final MatchingViews views;
    private final Watches watches;
    private final CallSearch search;

    Recommendations(TargetIndex index, MatchingViews views, Watches watches, CallSearch search) {
        this.index = index;
        this.views = views;
        this.watches = watches;
        this.search = search;
    }

    /** A recommended call: the call, how well it fits, through which target, and why. */
    public record Recommended(CallIndex.Hit call, int score, Target via, List<Reason> reasons) {}

    public record Page(String memberId, List<Recommended> calls, long total) {}

    /**
     * @param memberId the member; null for the caller's own organisation
     * @throws ProblemException 403 for callers who are not the member's users or managers; 404 when
     *     a member user asks for another organisation; 400 {@code member-id-required} when a
     *     manager names no member
     */
    public Page of(Caller caller, String memberId, int page, int size) {
        if (memberId == null) {
            if (caller.hasAny(ClusterRole.MEMBER, ClusterRole.DELEGATE)
                    && caller.memberId().isPresent()) {
                memberId = caller.memberId().get();
            } else if (caller.has(ClusterRole.MANAGER)) {
                throw new ProblemException(
                        org.springframework.http.HttpStatus.BAD_REQUEST, "member-id-required");
            }
        }
        if (caller.has(ClusterRole.MANAGER)) {
            // managers see any member's
        } else if (caller.hasAny(ClusterRole.MEMBER, ClusterRole.DELEGATE)) {
            if (!caller.belongsTo(memberId)) {
                throw ProblemException.notFound("member", memberId);
            }
        } else {
            throw ProblemException.forbidden("recommendations-members-only");
        }
        List<Target> targets = targetsOf(memberId);
        Set<String> labels = new LinkedHashSet<>();
        targets.forEach(t -> t.facets().forEach(f -> labels.add(f.label())));
        List<Recommended> all = new ArrayList<>();
        if (!labels.isEmpty()) {
            CallQuery query = CallQuery.all().withKeywords(List.copyOf(labels)).withStatuses(LIVE);
            List<CallIndex.Hit> candidates = new ArrayList<>();
            for (int p = 0; p * CallSearch.MAX_SIZE < CANDIDATES; p++) {
                CallIndex.Result result = search.search(query, p, CallSearch.MAX_SIZE);
                candidates.addAll(result.hits());
                if ((long) (p + 1) * CallSearch.MAX_SIZE >= result.total()) {
                    break;
                }
            }
            for (CallIndex.Hit hit : candidates) {
                List<Match> fits = index.score(hit.call().id(), hit.call().call(), targets);
                if (!fits.isEmpty()) {
                    Match best = fits.getFirst();
                    all.add(new Recommended(hit, best.score(), best.target(), best.reasons()));
                }
            }
        }
        all.sort(
                Comparator.comparingInt(Recommended::score)
                        .reversed()
                        .thenComparing(
                                r -> r.call().nextDeadline(),
                                Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                        .thenComparing(r -> r.call().call().id()));
        int from = (int) Math.min((long) page * size, all.size());
        return new Page(memberId, all.subList(from, Math.min(all.size(), from + size)), all.size());
    }

    /** The member (if active), its groups, its forming projects and its watches. */
    private List<Target> targetsOf(String memberId) {
        List<Target> targets = new ArrayList<>();
        views.member(memberId).flatMap(Targets::of).ifPresent(targets::add);
        views.groupsOf(memberId).forEach(g -> Targets.of(g).ifPresent(targets::add));
        views.projectsOf(memberId).forEach(p -> Targets.of(p).ifPresent(targets::add));
        watches.of(memberId, 0, 1_000).forEach(w -> targets.add(Targets.of(w)));
        return targets;
    }
}
