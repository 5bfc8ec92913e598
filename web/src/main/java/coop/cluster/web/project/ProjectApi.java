package coop.cluster.web.project;

import coop.cluster.web.api.ClusterApi;
import coop.cluster.web.home.ListAnswer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * project-service through the gateway (docs/services/project-service.md), as the member's project
 * pages use it: projects, partner suggestions, invitations and the partnership agreement.
 */
@Component
public class ProjectApi {

    private final RestClient api;

    ProjectApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /**
     * {@code GET /api/projects?mine=true}: the caller's organisation's projects (drafts included),
     * newest first.
     */
    public ClusterApi.Page<Project> mine(int page, int size) {
        ListAnswer<Project> answer =
                api.get()
                        .uri("/api/projects?mine=true&page={page}&size={size}", page, size)
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return answer == null ? ListAnswer.empty() : answer.toPage();
    }

    /** {@code GET /api/projects/{id}}. */
    public Project project(String id) {
        return api.get().uri("/api/projects/{id}", id).retrieve().body(Project.class);
    }

    /** {@code POST /api/projects}: started for the caller's organisation, which leads it. */
    public Project start(StartRequest request) {
        return api.post().uri("/api/projects").body(request).retrieve().body(Project.class);
    }

    /** {@code POST /api/projects/{id}/open}: a draft is opened to partners (FORMING). */
    public Project open(String id) {
        return api.post().uri("/api/projects/{id}/open", id).retrieve().body(Project.class);
    }

    /**
     * {@code GET /api/projects/{id}/suggestions}: best fit first, with the reasons (the leader's
     * users).
     */
    public List<Suggestion> suggestions(String id, int size) {
        ListAnswer<Suggestion> answer =
                api.get()
                        .uri("/api/projects/{id}/suggestions?size={size}", id, size)
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return answer == null ? List.of() : answer.items();
    }

    /**
     * {@code GET /api/projects/{id}/invitations}: the project's invitations, newest first (the
     * leader's users).
     */
    public List<SentInvitation> invitations(String id) {
        ListAnswer<SentInvitation> answer =
                api.get()
                        .uri("/api/projects/{id}/invitations?size=50", id)
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return answer == null ? List.of() : answer.items();
    }

    /** {@code POST /api/projects/{id}/invitations}. */
    public ClusterApi.Invitation invite(String id, InviteRequest request) {
        return api.post()
                .uri("/api/projects/{id}/invitations", id)
                .body(request)
                .retrieve()
                .body(ClusterApi.Invitation.class);
    }

    /**
     * {@code POST /api/projects/{id}/agreement/signatures {"version"}}: the caller's organisation
     * signs.
     */
    public Project sign(String id, int version) {
        return api.post()
                .uri("/api/projects/{id}/agreement/signatures", id)
                .body(Map.of("version", version))
                .retrieve()
                .body(Project.class);
    }

    public record StartRequest(
            String title,
            String description,
            String theme,
            List<String> neededCompetences,
            List<Resource> neededResources,
            String targetCallId) {}

    public record InviteRequest(String memberId, String role, String message) {}

    public record Project(
            String id,
            String leaderId,
            String title,
            String description,
            String theme,
            List<String> neededCompetences,
            List<Resource> neededResources,
            String targetCallId,
            String status,
            List<Partner> partners,
            Agreement agreement,
            Instant createdAt,
            Instant targetCallClosedAt) {

        public Project {
            neededCompetences = neededCompetences == null ? List.of() : neededCompetences;
            neededResources = neededResources == null ? List.of() : neededResources;
            partners = partners == null ? List.of() : partners;
        }

        public boolean ledBy(String memberId) {
            return memberId != null && memberId.equals(leaderId);
        }

        /** The agreement's current version waits for this member's signature. */
        public boolean awaitsSignatureOf(String memberId) {
            return agreement != null && memberId != null && agreement.awaiting().contains(memberId);
        }
    }

    public record Resource(String type, String description) {}

    public record Partner(String memberId, String role, Instant joinedAt) {}

    public record Agreement(
            AgreementContent content,
            Map<String, Instant> signatures,
            List<String> awaiting,
            Boolean signedByAll) {
        public Agreement {
            signatures = signatures == null ? Map.of() : signatures;
            awaiting = awaiting == null ? List.of() : awaiting;
        }
    }

    public record AgreementContent(
            Integer version,
            String currency,
            List<Contribution> contributions,
            String coordinator,
            List<Task> tasks,
            String settlementRule,
            Instant proposedAt) {
        public AgreementContent {
            contributions = contributions == null ? List.of() : contributions;
            tasks = tasks == null ? List.of() : tasks;
        }
    }

    public record Contribution(
            String memberId, BigDecimal money, String inKind, BigDecimal inKindValue) {}

    public record Task(String title, String responsible) {}

    public record SentInvitation(
            String id,
            String memberId,
            String role,
            String status,
            Instant createdAt,
            Instant expiresAt) {}

    public record Suggestion(
            String memberId,
            String legalName,
            String country,
            String organisationType,
            List<String> competences,
            Integer score,
            List<String> reasons) {}
}
