package coop.cluster.fundingwatch.call.web;

import coop.cluster.fundingwatch.call.Calls;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.security.ClusterRole;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Funding calls, for the cluster's users; feeds push calls but do not read them. */
@RestController
@Validated
@RequestMapping("/api/calls")
class CallController {

    private static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final Calls calls;

    CallController(Calls calls) {
        this.calls = calls;
    }

    @Operation(summary = "A funding call", description = "For every cluster user (member, delegate, manager, "
            + "finance). The normalised call with the status it has here (CLOSED once its last deadline has passed, "
            + "whatever the source says), the source's own status, first seen, last changed and closed at; the "
            + "ETag is its version (If-None-Match answers 304 when it has not changed).")
    @GetMapping("/{id}")
    ResponseEntity<CallView> get(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        if (!caller.hasAny(ClusterRole.MEMBER, ClusterRole.DELEGATE, ClusterRole.MANAGER, ClusterRole.FINANCE)) {
            throw ProblemException.forbidden();
        }
        TrackedCall call = calls.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(call.version())).body(CallView.of(call));
    }
}
