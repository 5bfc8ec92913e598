package coop.cluster.web.api;

import java.time.Instant;
import java.util.List;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The gateway's API as the console's pages use it (docs/web.md): only the calls pages need, with
 * only the fields they show. Unknown fields are ignored, so a service may add some without breaking
 * the console.
 */
@Component
public class ClusterApi {

    private final RestClient api;

    ClusterApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/members/{id}} (membership-service). */
    public Member member(String memberId) {
        return api.get().uri("/api/members/{id}", memberId).retrieve().body(Member.class);
    }

    /** {@code GET /api/members?status=APPLIED}: the applications a manager admits or rejects. */
    public List<Member> applications() {
        Page<Member> page =
                api.get()
                        .uri("/api/members?status=APPLIED&size=20")
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return page == null ? List.of() : page.content();
    }

    /**
     * {@code GET /api/invitations?status=PENDING} (project-service): the caller's organisation's
     * invitations.
     */
    public List<Invitation> pendingInvitations() {
        Page<Invitation> page =
                api.get()
                        .uri("/api/invitations?status=PENDING&size=20")
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return page == null ? List.of() : page.content();
    }

    /** {@code POST /api/invitations/{id}/accept} or {@code /decline}. */
    public Invitation answer(String invitationId, boolean accept) {
        return api.post()
                .uri("/api/invitations/{id}/" + (accept ? "accept" : "decline"), invitationId)
                .retrieve()
                .body(Invitation.class);
    }

    /**
     * One page of a list endpoint, as the services answer it (Spring Data's {@code PagedModel}:
     * {@code content} and {@code page}); the {@code fragments/lists :: pager} fragment links its
     * neighbours.
     */
    public record Page<T>(List<T> content, PageMetadata page) {
        public Page {
            content = content == null ? List.of() : List.copyOf(content);
            page = page == null ? new PageMetadata(content.size(), 0, content.size(), 1) : page;
        }

        public int number() {
            return (int) page.number();
        }

        public long totalPages() {
            return page.totalPages();
        }

        public long totalElements() {
            return page.totalElements();
        }
    }

    public record PageMetadata(long size, long number, long totalElements, long totalPages) {}

    public record Member(
            String id, String status, Instant appliedAt, Instant admittedAt, Profile profile) {}

    public record Profile(String legalName, String country, String region, List<String> sectors) {}

    public record Invitation(
            String id,
            String projectId,
            String projectTitle,
            String role,
            String message,
            String status,
            Instant createdAt,
            Instant expiresAt) {}
}
