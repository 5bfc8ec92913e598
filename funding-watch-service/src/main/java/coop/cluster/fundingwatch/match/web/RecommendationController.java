package coop.cluster.fundingwatch.match.web;

import coop.cluster.fundingwatch.match.Reason;
import coop.cluster.fundingwatch.match.Recommendations;
import coop.cluster.plumbing.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A member's recommended funding calls, with the reasons. */
@RestController
@Validated
class RecommendationController {

    private final Recommendations recommendations;

    RecommendationController(Recommendations recommendations) {
        this.recommendations = recommendations;
    }

    @GetMapping("/api/calls/recommended")
    @Operation(
            summary =
                    "The open and forthcoming calls that fit a member, best first, with the"
                            + " reasons",
            description =
                    "Scored like 'opportunity matched': against the member's profile, its thematic"
                        + " groups, the forming projects it takes part in and its watches; the best"
                        + " fit counts. The member's own users (member, delegate; memberId defaults"
                        + " to their own) and managers (memberId required); another organisation's"
                        + " answers 404.")
    Page recommended(
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}")
                    String memberId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        Recommendations.Page found = recommendations.of(caller, memberId, page, size);
        return new Page(
                found.memberId(),
                found.calls().stream().map(RecommendedCall::of).toList(),
                page,
                size,
                found.total(),
                (int) ((found.total() + size - 1) / size));
    }

    record Page(
            String memberId,
            List<RecommendedCall> calls,
            int page,
            int size,
            long totalElements,
            int totalPages) {}

    /**
     * @param via the target that fits best: {@code kind} (member, group, project, watch), {@code
     *     id}, {@code name}
     */
    record RecommendedCall(
            String callId,
            String title,
            String programme,
            String kind,
            String status,
            Instant nextDeadline,
            String url,
            int score,
            Via via,
            List<Reason> reasons) {

        static RecommendedCall of(Recommendations.Recommended r) {
            var tracked = r.call().call();
            var call = tracked.call();
            return new RecommendedCall(
                    tracked.id(),
                    call.title(),
                    call.programme(),
                    call.kind().name(),
                    tracked.status().name(),
                    r.call().nextDeadline(),
                    call.url(),
                    r.score(),
                    new Via(r.via().kind().code(), r.via().id(), r.via().name()),
                    r.reasons());
        }
    }

    record Via(String kind, String id, String name) {}
}
