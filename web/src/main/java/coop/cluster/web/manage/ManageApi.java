package coop.cluster.web.manage;

import coop.cluster.web.api.ClusterApi;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The API calls of the manager's pages, through the gateway: membership-service (members, groups,
 * the council's agenda), project-service (projects), funding-watch-service (signed feeds, batches)
 * and the identity service (people, invitations, machine clients). Records hold only the fields
 * shown.
 */
@Component
public class ManageApi {

    private final RestClient api;

    ManageApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    // ---- members (membership-service)

    public ClusterApi.Page<Member> members(String status, int page, int size) {
        return api.get()
                .uri(
                        u ->
                                u.path("/api/members")
                                        .queryParamIfPresent("status", Optional.ofNullable(status))
                                        .queryParam("page", page)
                                        .queryParam("size", size)
                                        .build())
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    public Member member(String id) {
        return api.get().uri("/api/members/{id}", id).retrieve().body(Member.class);
    }

    /**
     * {@code POST /api/members/{id}/{action}} with the reason, {@code If-Match} the version the
     * manager saw.
     */
    public Member act(String id, String action, String reason, Long version) {
        Map<String, String> body = new LinkedHashMap<>();
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        RestClient.RequestBodySpec request = api.post().uri("/api/members/{id}/" + action, id);
        if (version != null) {
            request = request.header("If-Match", "\"" + version + "\"");
        }
        return request.body(body).retrieve().body(Member.class);
    }

    /** Member names by id (every status; the cluster has a few hundred members at most). */
    public Map<String, String> memberNames() {
        ClusterApi.Page<Member> page = members(null, 0, 200);
        Map<String, String> names = new LinkedHashMap<>();
        if (page != null) {
            page.content()
                    .forEach(
                            m ->
                                    names.put(
                                            m.id(),
                                            m.profile() == null
                                                    ? m.id()
                                                    : m.profile().legalName()));
        }
        return names;
    }

    public ClusterApi.Page<Group> groups(int page, int size) {
        return api.get()
                .uri("/api/groups?page={p}&size={s}", page, size)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    public ClusterApi.Page<Proposal> openProposals() {
        return api.get()
                .uri("/api/council/proposals?status=OPEN&size=50")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    // ---- projects (project-service)

    public ClusterApi.Page<Project> projects(String status, boolean flagged, int page, int size) {
        return api.get()
                .uri(
                        u ->
                                u.path("/api/projects")
                                        .queryParamIfPresent("status", Optional.ofNullable(status))
                                        .queryParamIfPresent(
                                                "targetCallClosed",
                                                flagged ? Optional.of(true) : Optional.empty())
                                        .queryParam("page", page)
                                        .queryParam("size", size)
                                        .build())
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    // ---- feeds (funding-watch-service)

    public ClusterApi.Page<SignedFeed> signedFeeds(int page, int size) {
        SignedFeedPage answer =
                api.get()
                        .uri("/api/feeds/signed?page={p}&size={s}", page, size)
                        .retrieve()
                        .body(SignedFeedPage.class);
        if (answer == null) {
            return new ClusterApi.Page<>(List.of(), null);
        }
        return new ClusterApi.Page<>(
                answer.content(),
                new ClusterApi.PageMetadata(
                        answer.size(), answer.page(), answer.totalElements(), answer.totalPages()));
    }

    public FeedSecret createSignedFeed(String feedId) {
        return api.post()
                .uri("/api/feeds/signed")
                .body(Map.of("feedId", feedId))
                .retrieve()
                .body(FeedSecret.class);
    }

    public FeedSecret rotateSignedFeed(String feedId) {
        return api.post()
                .uri("/api/feeds/signed/{id}/secret", feedId)
                .retrieve()
                .body(FeedSecret.class);
    }

    public Void revokeSignedFeed(String feedId) {
        return api.delete().uri("/api/feeds/signed/{id}", feedId).retrieve().body(Void.class);
    }

    public Batch batch(String feedId, String batchId) {
        return api.get()
                .uri("/api/feeds/{f}/batches/{b}", feedId, batchId)
                .retrieve()
                .body(Batch.class);
    }

    // ---- people and clients (identity, /api/identity)

    public ClusterApi.Page<PersonView> people(int page, int size) {
        return api.get()
                .uri("/api/identity/people?page={p}&size={s}", page, size)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    public ClusterApi.Page<Invitation> invitations(int page, int size) {
        return api.get()
                .uri("/api/identity/invitations?status=pending&page={p}&size={s}", page, size)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    public Invitation invite(Map<String, Object> body) {
        return api.post()
                .uri("/api/identity/invitations")
                .body(body)
                .retrieve()
                .body(Invitation.class);
    }

    public Void cancelInvitation(String id) {
        return api.delete().uri("/api/identity/invitations/{id}", id).retrieve().body(Void.class);
    }

    public Void removeFromOrganisation(String personId) {
        return api.delete()
                .uri("/api/identity/people/{id}/organisation", personId)
                .retrieve()
                .body(Void.class);
    }

    public ClusterApi.Page<Client> clients(int page, int size) {
        ClientPage answer =
                api.get()
                        .uri("/api/identity/clients?page={p}&size={s}", page, size)
                        .retrieve()
                        .body(ClientPage.class);
        if (answer == null) {
            return new ClusterApi.Page<>(List.of(), null);
        }
        long pages = answer.size() == 0 ? 1 : (answer.total() + answer.size() - 1) / answer.size();
        return new ClusterApi.Page<>(
                answer.items(),
                new ClusterApi.PageMetadata(
                        answer.size(), answer.page(), answer.total(), Math.max(1, pages)));
    }

    public ClientSecret createClient(String clientId, String feedId) {
        return api.post()
                .uri("/api/identity/clients")
                .body(Map.of("clientId", clientId, "feedId", feedId, "roles", List.of("feed")))
                .retrieve()
                .body(ClientSecret.class);
    }

    public ClientSecret rotateClient(String clientId) {
        return api.post()
                .uri("/api/identity/clients/{id}/secret", clientId)
                .retrieve()
                .body(ClientSecret.class);
    }

    public Void deleteClient(String clientId) {
        return api.delete().uri("/api/identity/clients/{id}", clientId).retrieve().body(Void.class);
    }

    // ---- what the pages show

    public record Member(
            String id,
            String status,
            String statusReason,
            Instant appliedAt,
            Instant admittedAt,
            Instant statusChangedAt,
            Profile profile,
            Delegate delegate,
            Delegate nominee,
            Long version) {

        public String name() {
            return profile == null ? "" : profile.legalName();
        }
    }

    public record Profile(
            String legalName,
            String registrationNumber,
            String country,
            String region,
            List<String> sectors,
            String organisationType,
            String sizeBand,
            List<String> competences,
            List<Contact> contacts,
            String description,
            String website) {}

    public record Contact(String name, String role, String email, String phone) {}

    public record Delegate(String name, String email, Instant appointedAt) {}

    public record Group(
            String id,
            String name,
            String description,
            List<String> interests,
            Instant createdAt,
            int memberCount) {}

    public record Proposal(String id, String title, String kind, Instant deadline, Count tally) {}

    public record Count(int ballots, int electorate) {}

    public record Project(
            String id,
            String leaderId,
            String title,
            String theme,
            String status,
            List<Partner> partners,
            Instant createdAt,
            Instant statusChangedAt,
            Instant targetCallClosedAt) {}

    public record Partner(String memberId, String role) {}

    public record SignedFeed(
            String feedId,
            String status,
            Instant createdAt,
            Instant rotatedAt,
            Instant previousSecretExpiresAt,
            Instant revokedAt) {}

    record SignedFeedPage(
            List<SignedFeed> content, int page, int size, long totalElements, int totalPages) {}

    public record FeedSecret(String feedId, String secret, Instant previousSecretExpiresAt) {

        @Override
        public String toString() {
            return "FeedSecret[" + feedId + ", ***]";
        }
    }

    public record Batch(
            String batchId,
            String feedId,
            Instant receivedAt,
            String authentication,
            int records,
            String status,
            int created,
            int updated,
            int unchanged,
            int rejected,
            List<Rejection> rejections) {}

    public record Rejection(int index, String reference, String reason, String message) {}

    public record PersonView(
            String id,
            String email,
            String displayName,
            String language,
            String memberId,
            List<String> roles,
            List<String> staffRoles,
            String status) {}

    public record Invitation(
            String id,
            String email,
            String displayName,
            String memberId,
            List<String> roles,
            List<String> staffRoles,
            Instant createdAt,
            Instant expiresAt,
            String status,
            boolean sent) {}

    public record Client(
            String clientId,
            List<String> grants,
            List<String> roles,
            String feedId,
            String origin,
            Instant createdAt) {}

    record ClientPage(List<Client> items, int page, int size, long total) {}

    public record ClientSecret(String clientId, String clientSecret, String feedId) {

        @Override
        public String toString() {
            return "ClientSecret[" + clientId + ", ***]";
        }
    }
}
