package coop.cluster.project.suggestion;

import coop.cluster.project.invitation.Invitations;
import coop.cluster.project.invitation.domain.Invitation;
import coop.cluster.project.invitation.domain.InvitationStatus;
import coop.cluster.project.member.MemberView;
import coop.cluster.project.project.domain.Needs;
import coop.cluster.project.project.domain.Project;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;

/**
 * Partner suggestions: active members ranked by how well their public profile fits a project's
 * needs, each with the reasons. A needed competence the member lists weighs 3, a needed resource
 * type it offers 2. Members already taking part, or with a pending invitation, are left out.
 */
@Service
public class Suggestions {

    static final int COMPETENCE = 3;
    static final int RESOURCE = 2;

    private final ProfileIndex profiles;
    private final Invitations invitations;
    private final Timer timer;

    Suggestions(ProfileIndex profiles, Invitations invitations, MeterRegistry meters) {
        this.profiles = profiles;
        this.invitations = invitations;
        this.timer =
                Timer.builder("cluster.project.suggestions")
                        .description("Partner suggestions computed")
                        .publishPercentiles(0.5, 0.99)
                        .register(meters);
    }

    /** A member that fits, how well, and why. */
    public record Suggestion(MemberView member, int score, List<String> reasons) {}

    public Page<Suggestion> suggest(Project project, Pageable page) {
        return timer.record(() -> rank(project, page));
    }

    private Page<Suggestion> rank(Project project, Pageable page) {
        Set<String> excluded = new HashSet<>();
        project.partners().forEach(p -> excluded.add(p.memberId()));
        invitations
                .forProject(project.id(), InvitationStatus.PENDING, Pageable.ofSize(1000))
                .stream()
                .map(Invitation::invitee)
                .forEach(excluded::add);

        // Score every member that fits at all: set lookups only, no reasons yet.
        Needs needs = project.details().needs();
        Map<String, Integer> scores = new HashMap<>();
        for (String competence : needs.competences()) {
            for (String member : profiles.withCompetence(competence)) {
                if (!excluded.contains(member)) {
                    scores.merge(member, COMPETENCE, Integer::sum);
                }
            }
        }
        for (Needs.Resource resource : needs.resources()) {
            for (String member : profiles.offering(resource.type())) {
                if (!excluded.contains(member)) {
                    scores.merge(member, RESOURCE, Integer::sum);
                }
            }
        }

        // Keep only the best (offset + size) in a bounded heap, worst on top; then sort those few.
        long wanted = page.getOffset() + page.getPageSize();
        int keep = (int) Math.min(wanted, scores.size());
        Comparator<Scored> best =
                Comparator.comparingInt(Scored::score)
                        .reversed()
                        .thenComparing(Scored::name)
                        .thenComparing(Scored::memberId);
        PriorityQueue<Scored> top = new PriorityQueue<>(Math.max(1, keep), best.reversed());
        List<Suggestion> ranked = new ArrayList<>(keep);
        if (keep > 0) {
            scores.forEach(
                    (member, score) -> {
                        MemberView view = profiles.get(member);
                        if (view == null) {
                            return;
                        }
                        Scored candidate =
                                new Scored(
                                        member,
                                        score,
                                        view.legalName() == null ? "" : view.legalName(),
                                        view);
                        if (top.size() < keep) {
                            top.add(candidate);
                        } else if (best.compare(candidate, top.peek()) < 0) {
                            top.poll();
                            top.add(candidate);
                        }
                    });
            List<Scored> sorted = new ArrayList<>(top);
            sorted.sort(best);
            int from = (int) Math.min(page.getOffset(), sorted.size());
            for (Scored scored : sorted.subList(from, sorted.size())) {
                ranked.add(
                        new Suggestion(
                                scored.view(), scored.score(), reasons(scored.view(), needs)));
            }
        }
        return new PageImpl<>(ranked, page, scores.size());
    }

    private record Scored(String memberId, int score, String name, MemberView view) {}

    /** Why a member fits: each needed competence it lists, each needed resource type it offers. */
    private List<String> reasons(MemberView member, Needs needs) {
        List<String> reasons = new ArrayList<>();
        for (String competence : needs.competences()) {
            if (profiles.withCompetence(competence).contains(member.memberId())) {
                reasons.add("competence: " + competence);
            }
        }
        for (Needs.Resource resource : needs.resources()) {
            if (profiles.offering(resource.type()).contains(member.memberId())) {
                reasons.add(offered(member.memberId(), resource.type()));
            }
        }
        return reasons;
    }

    private String offered(String member, String type) {
        MemberView view = profiles.get(member);
        String what =
                view == null
                        ? null
                        : view.offeredResources().stream()
                                .filter(r -> r.type().equals(type))
                                .map(MemberView.Resource::description)
                                .filter(d -> d != null && !d.isBlank())
                                .findFirst()
                                .orElse(null);
        return "offers " + type + (what == null ? "" : ": " + what);
    }
}
