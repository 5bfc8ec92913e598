package coop.cluster.fundingwatch.watch.web;

import coop.cluster.fundingwatch.call.CallPage;
import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.search.CallSearch;
import coop.cluster.fundingwatch.watch.Watch;
import coop.cluster.fundingwatch.watch.Watches;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import coop.cluster.plumbing.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Members' saved watches, for their own organisation's member and delegate users only. */
@RestController
@Validated
@RequestMapping("/api/watches")
class WatchController {

    private static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final Watches watches;
    private final jakarta.validation.Validator validator;

    WatchController(Watches watches, jakarta.validation.Validator validator) {
        this.validator = validator;
        this.watches = watches;
    }

    /** A watch as a user writes it. */
    record WatchRequest(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> keywords,
            @Size(max = 20) List<@NotBlank @Size(max = 500) String> programmes,
            @Size(max = 3) List<CallKind> kinds) {

        Watches.Criteria criteria() {
            return new Watches.Criteria(name, keywords, programmes, kinds);
        }
    }

    @Operation(
            summary = "Save a watch",
            description =
                    "Member and delegate users, for their own organisation. name (up to 100"
                        + " characters) and at least one criterion: keywords (up to 20, each up to"
                        + " 100 characters; a call matching any of them fits), programmes (up to"
                        + " 20, exact names), kinds (GRANT, TENDER, CASCADE). At most 50 watches"
                        + " per member (409 watch-limit).")
    @PostMapping
    ResponseEntity<WatchView> create(@RequestBody WatchRequest request, Caller caller) {
        Watches.owner(caller);
        RequestBodies.valid(validator, request);
        Watch watch = watches.create(caller, request.criteria());
        return ResponseEntity.created(URI.create("/api/watches/" + watch.id()))
                .eTag(Versions.etag(watch.version()))
                .body(WatchView.of(watch));
    }

    @Operation(
            summary = "The caller's organisation's watches",
            description = "Oldest first, paginated.")
    @GetMapping
    WatchView.Page list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        Watches.Listing listing = watches.list(caller, page, size);
        return new WatchView.Page(
                listing.watches().stream().map(WatchView::of).toList(),
                page,
                size,
                listing.total(),
                (int) ((listing.total() + size - 1) / size));
    }

    @Operation(
            summary = "A watch",
            description = "The caller's organisation's only (another's is 404).")
    @GetMapping("/{id}")
    ResponseEntity<WatchView> get(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        Watch watch = watches.get(caller, id);
        return ResponseEntity.ok().eTag(Versions.etag(watch.version())).body(WatchView.of(watch));
    }

    @Operation(
            summary = "Change a watch",
            description =
                    "Replaces name and criteria; If-Match with the ETag read "
                            + "is required (428 without, 412 when stale).")
    @PutMapping("/{id}")
    ResponseEntity<WatchView> update(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody WatchRequest request,
            Caller caller) {
        watches.get(caller, id);
        RequestBodies.valid(validator, request);
        Long version = Versions.parse(ifMatch);
        if (version == null) {
            throw new ProblemException(HttpStatus.PRECONDITION_REQUIRED, "if-match-required");
        }
        Watch watch = watches.update(caller, id, version, request.criteria());
        return ResponseEntity.ok().eTag(Versions.etag(watch.version())).body(WatchView.of(watch));
    }

    @Operation(
            summary = "Delete a watch",
            description =
                    "If-Match is optional; when given it must be current " + "(412 otherwise).")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            Caller caller) {
        watches.delete(caller, id, Versions.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "The calls that fit a watch now",
            description =
                    "Open or forthcoming calls matching any of its keywords (stemmed, English and"
                        + " French), in its programmes and kinds; ranked by relevance, then next"
                        + " deadline. The same page shape as the call search.")
    @GetMapping("/{id}/calls")
    CallPage calls(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(CallSearch.MAX_SIZE) int size,
            Caller caller) {
        return CallPage.of(watches.calls(caller, id, page, size), page, size);
    }
}
