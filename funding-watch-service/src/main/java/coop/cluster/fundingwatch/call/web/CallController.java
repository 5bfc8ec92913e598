package coop.cluster.fundingwatch.call.web;

import coop.cluster.fundingwatch.call.CallPage;
import coop.cluster.fundingwatch.call.Calls;
import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.fundingwatch.call.search.CallQuery;
import coop.cluster.fundingwatch.call.search.CallSearch;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.security.ClusterRole;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Funding calls, for the cluster's users; feeds push calls but do not read them. */
@RestController
@Validated
@RequestMapping("/api/calls")
class CallController {

    private static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final Calls calls;
    private final CallSearch search;

    CallController(Calls calls, CallSearch search) {
        this.calls = calls;
        this.search = search;
    }

    @Operation(
            summary = "Search the funding calls",
            description =
                    "For every cluster user (member, delegate, manager, finance). q: free text over"
                        + " title, identifiers, keywords, tags, call title, programme and"
                        + " description, stemmed in English and French (robots finds robot,"
                        + " numériques finds numérique), ranked by relevance then next deadline;"
                        + " without q, every call that passes the filters, by next deadline (calls"
                        + " with none left last). Filters, all combined: status (FORTHCOMING, OPEN,"
                        + " CLOSED; repeatable), programme (exactly as the call names it;"
                        + " repeatable), kind (GRANT, TENDER, CASCADE; repeatable), deadlineFrom"
                        + " and deadlineTo (a date, UTC, or a date-time with offset; a call matches"
                        + " when any of its cut-offs lies in the range). The index follows the"
                        + " store within a few seconds.")
    @GetMapping
    CallPage search(
            @RequestParam(required = false) @Size(max = 500) String q,
            @RequestParam(required = false) @Size(max = 10) List<@Size(max = 20) String> status,
            @RequestParam(required = false) @Size(max = 20) List<@Size(max = 500) String> programme,
            @RequestParam(required = false) @Size(max = 10) List<@Size(max = 20) String> kind,
            @RequestParam(required = false) @Size(max = 40) String deadlineFrom,
            @RequestParam(required = false) @Size(max = 40) String deadlineTo,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(CallSearch.MAX_SIZE) int size,
            Caller caller) {
        if (!caller.hasAny(
                ClusterRole.MEMBER,
                ClusterRole.DELEGATE,
                ClusterRole.MANAGER,
                ClusterRole.FINANCE)) {
            throw ProblemException.forbidden();
        }
        Instant from = SearchParameters.instant("deadlineFrom", deadlineFrom, false);
        Instant to = SearchParameters.instant("deadlineTo", deadlineTo, true);
        SearchParameters.range(from, to);
        CallQuery query =
                new CallQuery(
                        q,
                        null,
                        SearchParameters.enums("status", status, CallStatus.class),
                        programme,
                        SearchParameters.enums("kind", kind, CallKind.class),
                        from,
                        to);
        return CallPage.of(search.search(query, page, size), page, size);
    }

    @Operation(
            summary = "A funding call",
            description =
                    "For every cluster user (member, delegate, manager, finance). The normalised"
                        + " call with the status it has here (CLOSED once its last deadline has"
                        + " passed, whatever the source says), the source's own status, first seen,"
                        + " last changed and closed at; the ETag is its version (If-None-Match"
                        + " answers 304 when it has not changed).")
    @GetMapping("/{id}")
    ResponseEntity<CallView> get(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        if (!caller.hasAny(
                ClusterRole.MEMBER,
                ClusterRole.DELEGATE,
                ClusterRole.MANAGER,
                ClusterRole.FINANCE)) {
            throw ProblemException.forbidden();
        }
        TrackedCall call = calls.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(call.version())).body(CallView.of(call));
    }

    @Operation(
            summary = "A funding call's changes",
            description =
                    "For every cluster user (member, delegate, manager, finance), as GET"
                        + " /api/calls/{id}. The changes the cluster stored of the call since it"
                        + " first saw it, newest first, the newest 50 kept: each with when, the"
                        + " feed and batch that brought it (none when the deadline sweep closed the"
                        + " call), the call's revision (its version, the ETag, after the change),"
                        + " why it closed if it closed then, and each changed field with its value"
                        + " before and after (cut-offs as field 'deadline': moved, added or"
                        + " removed). A call that never changed has none; 404 for an unknown call.")
    @GetMapping("/{id}/changes")
    CallChangePage changes(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        if (!caller.hasAny(
                ClusterRole.MEMBER,
                ClusterRole.DELEGATE,
                ClusterRole.MANAGER,
                ClusterRole.FINANCE)) {
            throw ProblemException.forbidden();
        }
        return CallChangePage.of(calls.changes(id, page, size));
    }
}
