package coop.cluster.notification.bounce.web;

import coop.cluster.notification.bounce.Bounces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bounces reported by the mail relay's bounce webhook (a machine client granted the scope {@code
 * notifications.bounces}) or by a platform administrator. A hard bounce stops every e-mail to the
 * address; a soft one is counted. Who may call is decided by the URL rules ({@code
 * NotificationSecurity}), before the body is read.
 */
@RestController
@Tag(
        name = "bounces",
        description = "Addresses that bounced: the relay's webhook, platform administrators")
class BouncesController {

    static final String PATH = "/api/notifications/bounces";

    private final Bounces bounces;

    BouncesController(Bounces bounces) {
        this.bounces = bounces;
    }

    @Operation(
            summary =
                    "Record a bounce of an address: hard stops every e-mail to it (the inbox still"
                            + " gets them), soft is counted. For the relay's webhook (scope"
                            + " notifications.bounces) or a platform administrator",
            responses = {
                @ApiResponse(responseCode = "200", description = "the address's state after it"),
                @ApiResponse(
                        responseCode = "400",
                        description = "no address, or a kind other than hard or soft",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "403",
                        description =
                                "neither the relay's client nor a platform" + " administrator",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @PostMapping(PATH)
    BounceView record(@Valid @RequestBody Bounce body) {
        Bounces.State state = bounces.record(body.email(), body.kind(), body.reason(), "api");
        return new BounceView(
                state.address(), state.bounced(), state.softBounces(), state.updatedAt());
    }

    /**
     * @param email the address that bounced
     * @param kind {@code hard} (permanent: unknown address, refused for good) or {@code soft}
     *     (temporary)
     * @param reason what the relay or the receiving server said, kept for operators
     */
    record Bounce(
            @NotBlank @Size(max = 320) @Pattern(regexp = "\\s*[^@\\s]+@[^@\\s]+\\s*") String email,
            @NotBlank @Pattern(regexp = "hard|soft") @Schema(allowableValues = {"hard", "soft"})
                    String kind,
            @Size(max = 1000) String reason) {}

    /**
     * @param email the address, normalised (trimmed, lower case)
     * @param bounced true when no e-mail goes to it any more
     * @param softBounces soft bounces counted
     */
    record BounceView(String email, boolean bounced, int softBounces, Instant updatedAt) {}
}
