package coop.cluster.fundingwatch.feed.signed.web;

import coop.cluster.fundingwatch.feed.signed.SignedFeeds;
import coop.cluster.fundingwatch.feed.signed.domain.SignedFeed;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/feeds/signed}: the feeds that push signed with a shared secret, for cluster managers
 * (docs/identity.md, "Feeds: token or HMAC signature"). A secret is in the answer that creates or
 * rotates it, with {@code Cache-Control: no-store}, and nowhere else, ever. The paths cannot be
 * mistaken for a feed's own ({@code /api/feeds/{feedId}/calls}, {@code
 * /api/feeds/{feedId}/batches/{batchId}}): none of them has the same shape and method, and the
 * gateway lets through without a token only {@code POST /api/feeds/*}{@code /calls}.
 */
@RestController
@Validated
@RequestMapping("/api/feeds/signed")
class SignedFeedController {

    private final SignedFeeds feeds;
    private final Validator validator;
    private final Clock clock;

    SignedFeedController(SignedFeeds feeds, Validator validator, Clock clock) {
        this.feeds = feeds;
        this.validator = validator;
        this.clock = clock;
    }

    /** A feed to create. */
    record NewSignedFeed(
            @NotBlank @Pattern(regexp = SignedFeeds.FEED_ID, message = "{validation.feed-id}")
                    String feedId) {}

    /**
     * What a manager sees of a signed feed: never a secret.
     *
     * @param status {@code ACTIVE} or {@code REVOKED}
     * @param previousSecretExpiresAt until when the secret replaced by the last rotation (or the
     *     configured secret of a feed taken over) is still accepted; null when none is
     */
    record SignedFeedView(
            String feedId,
            String status,
            Instant createdAt,
            String createdBy,
            Instant rotatedAt,
            String rotatedBy,
            Instant previousSecretExpiresAt,
            Instant revokedAt,
            String revokedBy) {

        static SignedFeedView of(SignedFeed feed, Instant now) {
            return new SignedFeedView(
                    feed.feedId(),
                    feed.status().name(),
                    feed.createdAt(),
                    feed.createdBy(),
                    feed.rotatedAt(),
                    feed.rotatedBy(),
                    feed.previousSecretExpiryAt(now).orElse(null),
                    feed.revokedAt(),
                    feed.revokedBy());
        }
    }

    /** A page of signed feeds, by feed id. */
    record SignedFeedPage(
            List<SignedFeedView> content, int page, int size, long totalElements, int totalPages) {}

    /**
     * A feed's new secret, shown this once.
     *
     * @param secret the shared HMAC-SHA256 key to give the feed (43 characters)
     * @param previousSecretExpiresAt until when the secret it replaces still works; null when none
     *     does
     */
    record IssuedSecret(String feedId, String secret, Instant previousSecretExpiresAt) {

        static IssuedSecret of(SignedFeeds.Issued issued, Instant now) {
            return new IssuedSecret(
                    issued.feed().feedId(),
                    issued.secret(),
                    issued.feed().previousSecretExpiryAt(now).orElse(null));
        }

        @Override
        public String toString() {
            return "IssuedSecret[feedId=" + feedId + ", secret=***]";
        }
    }

    @Operation(
            summary = "The signed feeds",
            description =
                    "Managers only. Every feed of the registry, active or revoked, by feed id,"
                            + " paginated; never a secret. Feeds only in the configuration"
                            + " (cluster.feeds.signed) are not listed.")
    @ApiResponse(responseCode = "200", description = "a page of signed feeds")
    @ApiResponse(
            responseCode = "403",
            description = "signed-feeds-managers-only",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping
    SignedFeedPage list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        SignedFeeds.Listing listing = feeds.list(caller, page, size);
        Instant now = clock.instant();
        return new SignedFeedPage(
                listing.feeds().stream().map(feed -> SignedFeedView.of(feed, now)).toList(),
                page,
                size,
                listing.total(),
                (int) ((listing.total() + size - 1) / size));
    }

    @Operation(
            summary = "Create a signed feed",
            description =
                    "Managers only. Generates the feed's shared secret (32 random bytes, URL-safe"
                        + " Base64, 43 characters), shown in this answer only (Cache-Control:"
                        + " no-store); the store keeps it encrypted. A revoked feed may be created"
                        + " again, with a new secret. A feed of the configuration is taken over:"
                        + " its configured secret keeps working for the rotation grace"
                        + " (previousSecretExpiresAt), then only the new one does.")
    @ApiResponse(
            responseCode = "201",
            description = "the feed id and its secret, once",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = IssuedSecret.class)))
    @ApiResponse(
            responseCode = "400",
            description =
                    "validation: feedId missing or not 1 to 64 lower-case "
                            + "letters, digits or hyphens",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "403",
            description = "signed-feeds-managers-only",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "409",
            description = "signed-feed-exists: an active feed has this id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "503",
            description =
                    "signed-feed-key-missing: the service has no "
                            + "cluster.feeds.secret-key to encrypt secrets with",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IssuedSecret> create(@RequestBody NewSignedFeed body, Caller caller) {
        SignedFeeds.manager(caller);
        RequestBodies.valid(validator, body);
        SignedFeeds.Issued issued = feeds.create(caller, body.feedId());
        return ResponseEntity.created(URI.create("/api/feeds/signed/" + body.feedId()))
                .cacheControl(CacheControl.noStore())
                .body(IssuedSecret.of(issued, clock.instant()));
    }

    @Operation(summary = "A signed feed", description = "Managers only; never its secret.")
    @ApiResponse(responseCode = "200", description = "the feed")
    @ApiResponse(
            responseCode = "403",
            description = "signed-feeds-managers-only",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "404",
            description = "not-found: the registry has no such feed",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/{feedId}")
    SignedFeedView get(@PathVariable String feedId, Caller caller) {
        return SignedFeedView.of(feeds.get(caller, feedId), clock.instant());
    }

    @Operation(
            summary = "Rotate a signed feed's secret",
            description =
                    "Managers only. A new secret, shown in this answer only (Cache-Control:"
                            + " no-store). The secret it replaces keeps working until"
                            + " previousSecretExpiresAt (cluster.feeds.rotation-grace, 24 h by"
                            + " default), so the feed can switch without losing pushes; a secret"
                            + " replaced before is refused at once.")
    @ApiResponse(
            responseCode = "200",
            description =
                    "the feed id, its new secret, once, and until when the " + "previous one works",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = IssuedSecret.class)))
    @ApiResponse(
            responseCode = "403",
            description = "signed-feeds-managers-only",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "404",
            description =
                    "not-found: the registry has no such feed (a configured feed "
                            + "is taken over with POST /api/feeds/signed)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "409",
            description = "signed-feed-revoked: create it again instead",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "503",
            description = "signed-feed-key-missing",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/{feedId}/secret")
    ResponseEntity<IssuedSecret> rotate(@PathVariable String feedId, Caller caller) {
        SignedFeeds.Issued issued = feeds.rotate(caller, feedId);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(IssuedSecret.of(issued, clock.instant()));
    }

    @Operation(
            summary = "Revoke a signed feed",
            description =
                    "Managers only. Its secrets (current and previous) are refused at once on this"
                        + " instance and within cluster.feeds.registry-refresh (5 s) on the others:"
                        + " 401 feed-signature-revoked. Revoking a revoked feed changes nothing. A"
                        + " feed only in the configuration is recorded revoked: the registry wins"
                        + " over the configuration.")
    @ApiResponse(responseCode = "204", description = "revoked")
    @ApiResponse(
            responseCode = "403",
            description = "signed-feeds-managers-only",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "404",
            description = "not-found: no such signed feed",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @DeleteMapping("/{feedId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String feedId, Caller caller) {
        feeds.revoke(caller, feedId);
    }
}
