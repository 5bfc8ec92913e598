package coop.cluster.auth.people.web;

import coop.cluster.auth.people.AuditTrail;
import coop.cluster.auth.people.PeopleAccess;
import coop.cluster.auth.people.web.Views.AuditEntryView;
import coop.cluster.plumbing.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail of grants, revocations, invitations and login failures (managers). */
@RestController
@Validated
class AuditController {

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @Operation(
            summary = "List the identity events",
            description =
                    "Newest first; filters by CloudEvents type (e.g. "
                            + "cluster.identity.access.revoked.v1), person and organisation.")
    @GetMapping("/api/identity/audit")
    Page<AuditEntryView> list(
            @RequestParam(required = false)
                    @Pattern(regexp = "cluster\\.identity\\.[a-z.-]+\\.v\\d+")
                    String type,
            @RequestParam(required = false) @Pattern(regexp = PeopleController.PERSON_ID)
                    String personId,
            @RequestParam(required = false) @Pattern(regexp = Requests.UUID) String memberId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        PeopleAccess.checkMayReadAudit(caller);
        return audit.list(type, personId, memberId, PageRequest.of(page, size))
                .map(AuditEntryView::of);
    }
}
