package coop.cluster.fundingwatch.feed.web;

import coop.cluster.fundingwatch.call.domain.Rejection;
import coop.cluster.fundingwatch.feed.FeedBatch;
import coop.cluster.fundingwatch.feed.FeedIntake;
import coop.cluster.plumbing.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/feeds/{feedId}")
class FeedIntakeController {

    private static final String FEED_ID = "[a-z0-9][a-z0-9-]{0,63}";

    private final FeedIntake intake;

    FeedIntakeController(FeedIntake intake) {
        this.intake = intake;
    }

    @Operation(
            summary = "Push a batch of funding-call records",
            description =
                    "For feeds only, for their own feed id: with a client-credentials token whose"
                        + " feed_id is the path's, or signed with the feed's shared secret"
                        + " (X-Feed-Id, X-Feed-Timestamp, X-Feed-Signature: sha256=HMAC(secret,"
                        + " timestamp + '.' + body)). Each record is read on its own: the calls are"
                        + " created, updated or found unchanged, the unreadable records rejected"
                        + " with their reason (and published to fundingwatch.rejects); the answer"
                        + " counts each. The same bytes pushed twice are stored and applied once"
                        + " (200 with duplicate=true). Every error is application/problem+json.")
    @ApiResponse(
            responseCode = "202",
            description =
                    "stored and applied: the batch, with what became of each record, "
                            + "and its Location",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = BatchView.class)))
    @ApiResponse(
            responseCode = "200",
            description =
                    "the same bytes were pushed before: nothing applied again "
                            + "(duplicate=true, the outcome recorded the first time)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = BatchView.class)))
    @ApiResponse(
            responseCode = "400",
            description =
                    "unreadable-body (not JSON), feed-batch-empty (a bare value), "
                            + "or an invalid feed id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "401",
            description =
                    "no token, or a bad one; for a signed push the signature's "
                            + "fault (feed-signature-*)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "403",
            description = "feed-push-forbidden: not the feed of this path",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "413",
            description =
                    "payload-too-large (over 1 MB by default) or " + "feed-batch-too-many-records",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "415",
            description =
                    "unsupported-media-type (a body that is not application/json) "
                            + "or content-type-missing",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "feed-batch-incomplete (push the same batch again), matching-not-ready, or"
                            + " unavailable (the store or broker is out of reach; Retry-After)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = "/calls", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchView> push(
            @PathVariable @Pattern(regexp = FEED_ID) String feedId,
            @RequestBody(
                            description =
                                    "a JSON array of records, a Search API response or "
                                            + "a grantsTenders.json dump")
                    @org.springframework.web.bind.annotation.RequestBody
                    byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            Caller caller) {
        FeedIntake.Received received = intake.receive(caller, feedId, contentType, body);
        BatchView view = BatchView.of(received.batch(), received.duplicate());
        URI location = URI.create("/api/feeds/" + feedId + "/batches/" + received.batch().id());
        return received.duplicate()
                ? ResponseEntity.ok().location(location).body(view)
                : ResponseEntity.status(HttpStatus.ACCEPTED).location(location).body(view);
    }

    @Operation(
            summary = "A batch a feed pushed",
            description = "For the feed itself and the cluster managers.")
    @GetMapping("/batches/{batchId}")
    BatchView batch(
            @PathVariable @Pattern(regexp = FEED_ID) String feedId,
            @PathVariable @Pattern(regexp = "[0-9a-f]{64}") String batchId,
            Caller caller) {
        return BatchView.of(intake.batch(caller, feedId, batchId), false);
    }

    /**
     * A batch and what became of its records: {@code created}, {@code updated} and {@code
     * unchanged} calls, {@code rejected} records (each in {@code rejections} with its index,
     * reference, reason and message), and the ids of the calls created and updated. A duplicate
     * shows what the batch did when it was first processed.
     */
    record BatchView(
            String batchId,
            String feedId,
            Instant receivedAt,
            String receivedBy,
            String authentication,
            int bytes,
            int records,
            String status,
            boolean duplicate,
            int created,
            int updated,
            int unchanged,
            int rejected,
            List<String> createdCallIds,
            List<String> updatedCallIds,
            List<RejectionView> rejections) {

        static BatchView of(FeedBatch batch, boolean duplicate) {
            FeedBatch.Applied applied = batch.applied();
            List<String> created = applied == null ? List.of() : applied.createdCallIds();
            List<String> updated = applied == null ? List.of() : applied.updatedCallIds();
            return new BatchView(
                    batch.id(),
                    batch.feedId(),
                    batch.receivedAt(),
                    batch.receivedBy(),
                    batch.authentication().name(),
                    batch.bytes(),
                    batch.records(),
                    batch.status().name(),
                    duplicate,
                    created.size(),
                    updated.size(),
                    applied == null ? 0 : applied.unchanged(),
                    batch.rejections().size(),
                    created,
                    updated,
                    batch.rejections().stream().map(RejectionView::of).toList());
        }
    }

    /**
     * @param reason the stable code, e.g. {@code missing-reference}
     */
    record RejectionView(int index, String reference, String reason, String message) {

        static RejectionView of(Rejection r) {
            return new RejectionView(r.index(), r.reference(), r.reason().code(), r.message());
        }
    }
}
