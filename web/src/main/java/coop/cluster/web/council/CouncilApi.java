package coop.cluster.web.council;

import coop.cluster.web.api.ClusterApi;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * membership-service's council API through the gateway ({@code /api/council/**}, {@code
 * /api/groups}, {@code /api/directory} for the members an exemption may name), with only the fields
 * the council pages show.
 */
@Component
public class CouncilApi {

    private final RestClient api;

    CouncilApi(RestClient gatewayApi) {
        this.api = gatewayApi;
    }

    /** {@code GET /api/council/proposals?status=&page=&size=}, newest first. */
    public ClusterApi.Page<Proposal> proposals(String status, int page, int size) {
        return api.get()
                .uri(
                        u ->
                                u.path("/api/council/proposals")
                                        .queryParamIfPresent(
                                                "status", java.util.Optional.ofNullable(status))
                                        .queryParam("page", page)
                                        .queryParam("size", size)
                                        .build())
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    public Proposal proposal(String id) {
        return api.get().uri("/api/council/proposals/{id}", id).retrieve().body(Proposal.class);
    }

    /**
     * {@code POST /api/council/proposals} with {@code {"title","deadline","motion":{"kind",...}}}.
     */
    public Proposal table(Map<String, Object> body) {
        return api.post().uri("/api/council/proposals").body(body).retrieve().body(Proposal.class);
    }

    /** {@code POST .../votes} for a first ballot, {@code PUT .../votes/mine} to change it. */
    public Proposal vote(String id, String choice, boolean change) {
        Map<String, String> body = Map.of("choice", choice);
        return change
                ? api.put()
                        .uri("/api/council/proposals/{id}/votes/mine", id)
                        .body(body)
                        .retrieve()
                        .body(Proposal.class)
                : api.post()
                        .uri("/api/council/proposals/{id}/votes", id)
                        .body(body)
                        .retrieve()
                        .body(Proposal.class);
    }

    public List<Seat> seats() {
        List<Seat> seats =
                api.get()
                        .uri("/api/council/seats")
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return seats == null ? List.of() : seats;
    }

    public ClusterApi.Page<FeeSchedule> feeSchedules(int page, int size) {
        return api.get()
                .uri("/api/council/fee-schedules?page={p}&size={s}", page, size)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    public ClusterApi.Page<Exemption> exemptions(int page, int size) {
        return api.get()
                .uri("/api/council/exemptions?page={p}&size={s}", page, size)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    public ClusterApi.Page<Group> groups(int page, int size) {
        return api.get()
                .uri("/api/groups?page={p}&size={s}", page, size)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
    }

    /** The active members by name ({@code GET /api/directory}), to name one in an exemption. */
    public List<Organisation> organisations() {
        ClusterApi.Page<Organisation> page =
                api.get()
                        .uri("/api/directory?size=100")
                        .retrieve()
                        .body(new ParameterizedTypeReference<>() {});
        return page == null ? List.of() : page.content();
    }

    public record Proposal(
            String id,
            String title,
            String kind,
            Map<String, Object> terms,
            Instant tabledAt,
            Instant deadline,
            String status,
            Rules rules,
            Count tally,
            Outcome outcome,
            List<Ballot> ballots,
            String myVote,
            String createdGroupId) {

        public boolean open() {
            return "OPEN".equals(status);
        }

        /** The terms' amounts of a fee schedule, by category, as the API wrote them. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> amounts() {
            Object amounts = terms == null ? null : terms.get("amounts");
            return amounts instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        public Object term(String name) {
            return terms == null ? null : terms.get(name);
        }

        /** Share of the electorate that has voted, 0–100, for the progress bar. */
        public int turnout() {
            return tally == null || tally.electorate() == 0
                    ? 0
                    : tally.ballots() * 100 / tally.electorate();
        }
    }

    public record Rules(int quorumPercent, String majority) {}

    public record Count(int forVotes, int against, int abstain, int ballots, int electorate) {}

    public record Outcome(String reason, boolean early, Instant closedAt) {}

    public record Ballot(
            String memberId, String delegate, String choice, Instant castAt, int changes) {}

    public record Seat(String member, String delegateSubject, String delegateName) {}

    public record FeeSchedule(
            int feeYear,
            String currency,
            Map<String, String> amounts,
            String lateAdmission,
            Instant adoptedAt) {}

    public record Exemption(
            String memberId,
            String extent,
            String percent,
            String reason,
            LocalDate validFrom,
            LocalDate validUntil,
            Instant grantedAt) {}

    public record Group(
            String id,
            String name,
            String description,
            List<String> interests,
            Instant createdAt,
            int memberCount) {}

    public record Organisation(String id, String legalName) {}
}
