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
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;

/**
 * Partner suggestions: active members ranked by how well their public profile fits a project's needs, each with the
 * reasons. A needed competence the member lists weighs 3, a needed resource type it offers 2. Members already taking
 * part, or with a pending invitation, are left out.
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
        this.timer = Timer.builder("cluster.project.suggestions").description("Partner suggestions computed")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** A member that fits, how well, and why. */
    public record Suggestion(MemberView member, int score, List<String> reasons) {
    }

    public Page<Suggestion> suggest(Project project, Pageable page) {
        return timer.record(() -> rank(project, page));
    }

    private Page<Suggestion> rank(Project project, Pageable page) {
        Set<String> excluded = new HashSet<>();
        project.partners().forEach(p -> excluded.add(p.memberId()));
        invitations.forProject(project.id(), InvitationStatus.PENDING, Pageable.ofSize(1000)).stream()
                .map(Invitation::invitee).forEach(excluded::add);

        Map<String, Integer> scores = new HashMap<>();
        Map<String, List<String>> reasons = new HashMap<>();
        Needs needs = project.details().needs();
        for (String competence : needs.competences()) {
            for (String member : profiles.withCompetence(competence)) {
                if (!excluded.contains(member)) {
                    scores.merge(member, COMPETENCE, Integer::sum);
                    reasons.computeIfAbsent(member, k -> new ArrayList<>()).add("competence: " + competence);
                }
            }
        }
        for (Needs.Resource resource : needs.resources()) {
            for (String member : profiles.offering(resource.type())) {
                if (!excluded.contains(member)) {
                    scores.merge(member, RESOURCE, Integer::sum);
                    reasons.computeIfAbsent(member, k -> new ArrayList<>()).add(offered(member, resource.type()));
                }
            }
        }
        List<Suggestion> ranked = new ArrayList<>(scores.size());
        scores.forEach((member, score) -> {
            MemberView view = profiles.get(member);
            if (view != null) {
                ranked.add(new Suggestion(view, score, reasons.get(member)));
            }
        });
        ranked.sort(Comparator.comparingInt(Suggestion::score).reversed()
                .thenComparing(s -> s.member().legalName() == null ? "" : s.member().legalName())
                .thenComparing(s -> s.member().memberId()));
        int from = (int) Math.min(page.getOffset(), ranked.size());
        int to = Math.min(from + page.getPageSize(), ranked.size());
        return new PageImpl<>(ranked.subList(from, to), page, ranked.size());
    }

    private String offered(String member, String type) {
        MemberView view = profiles.get(member);
        String what = view == null ? null : view.offeredResources().stream()
                .filter(r -> r.type().equals(type)).map(MemberView.Resource::description)
                .filter(d -> d != null && !d.isBlank()).findFirst().orElse(null);
        return "offers " + type + (what == null ? "" : ": " + what);
    }
}
