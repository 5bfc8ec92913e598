package coop.cluster.project.invitation.web;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.security.ClusterRole;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import coop.cluster.project.invitation.InvitationAccess;
import coop.cluster.project.invitation.Invitations;
import coop.cluster.project.invitation.domain.Invitation;
import coop.cluster.project.invitation.domain.InvitationStatus;
import coop.cluster.project.project.ProjectAccess;
import coop.cluster.project.project.Projects;
import coop.cluster.project.project.domain.Project;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Invitations: the leader invites and withdraws; the invitee reads its inbox and answers, once. */
@RestController
@Validated
class InvitationController {

    private static final String ID = "[0-9a-f-]{36}";

    private final Invitations invitations;
    private final Projects projects;
    private final jakarta.validation.Validator validator;

    InvitationController(
            Invitations invitations, Projects projects, jakarta.validation.Validator validator) {
        this.validator = validator;
        this.invitations = invitations;
        this.projects = projects;
    }

    @Operation(
            summary = "Invite a member to a forming project, in a proposed role (the leader)",
            description =
                    "Refused: a member that is not active, already a partner, or already invited"
                        + " (pending). expiresIn (ISO-8601, PT10S to P90D) overrides the configured"
                        + " expiry.")
    @PostMapping("/api/projects/{id}/invitations")
    ResponseEntity<InvitationView> invite(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody InviteRequest body,
            Caller caller) {
        Project project = projects.get(id);
        ProjectAccess.checkMayLead(caller, project);
        RequestBodies.valid(validator, body);
        Invitation invitation =
                invitations.invite(
                        project, body.memberId(), body.role(), body.message(), body.expiry());
        return ResponseEntity.created(URI.create("/api/invitations/" + invitation.id()))
                .body(InvitationView.of(invitation));
    }

    @Operation(summary = "A project's invitations, newest first (the leader, managers)")
    @GetMapping("/api/projects/{id}/invitations")
    Page<InvitationView> ofProject(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(required = false) InvitationStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        Project project = projects.get(id);
        if (!caller.has(ClusterRole.MANAGER)) {
            ProjectAccess.checkMayLead(caller, project);
        }
        return invitations
                .forProject(id, status, PageRequest.of(page, size))
                .map(InvitationView::of);
    }

    @Operation(
            summary =
                    "The caller's organisation's invitations, newest first; ?status=PENDING for the"
                            + " inbox")
    @GetMapping("/api/invitations")
    Page<InvitationView> inbox(
            @RequestParam(required = false) InvitationStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        String member = InvitationAccess.inboxOf(caller);
        return invitations
                .inbox(member, status, PageRequest.of(page, size))
                .map(InvitationView::of);
    }

    @GetMapping("/api/invitations/{id}")
    InvitationView get(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        Invitation invitation = invitations.get(id);
        InvitationAccess.checkMayRead(caller, invitation);
        return InvitationView.of(invitation);
    }

    @Operation(summary = "Accept (the invitee): its organisation joins the project")
    @PostMapping("/api/invitations/{id}/accept")
    InvitationView accept(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody(required = false) Message body,
            Caller caller) {
        return answer(id, true, body, caller);
    }

    @Operation(summary = "Decline (the invitee)")
    @PostMapping("/api/invitations/{id}/decline")
    InvitationView decline(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody(required = false) Message body,
            Caller caller) {
        return answer(id, false, body, caller);
    }

    @Operation(summary = "Withdraw a pending invitation (the leader)")
    @PostMapping("/api/invitations/{id}/withdraw")
    InvitationView withdraw(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody(required = false) Message body,
            Caller caller) {
        Invitation invitation = invitations.get(id);
        InvitationAccess.checkMayWithdraw(caller, invitation);
        RequestBodies.valid(validator, body);
        return InvitationView.of(invitations.withdraw(id, Message.of(body)));
    }

    private InvitationView answer(String id, boolean accept, Message body, Caller caller) {
        String member = caller.memberId().orElse(null);
        return InvitationView.of(
                invitations.answer(
                        id,
                        invitation -> {
                            InvitationAccess.checkMayAnswer(caller, invitation);
                            RequestBodies.valid(validator, body);
                            if (member == null) {
                                throw ProblemException.forbidden();
                            }
                        },
                        member,
                        accept,
                        Message.of(body)));
    }

    /**
     * @param expiresIn how long the invitation waits for its answer, an ISO-8601 duration from
     *     PT10S to P90D, such as {@code P7D}; the configured expiry when absent
     */
    record InviteRequest(
            @NotBlank @Pattern(regexp = ID) String memberId,
            @NotBlank @Size(max = 100) String role,
            @Size(max = 2000) String message,
            java.time.Duration expiresIn) {

        java.time.Duration expiry() {
            if (expiresIn != null
                    && (expiresIn.compareTo(java.time.Duration.ofSeconds(10)) < 0
                            || expiresIn.compareTo(java.time.Duration.ofDays(90)) > 0)) {
                throw new ProblemException(
                        org.springframework.http.HttpStatus.BAD_REQUEST,
                        "invalid-expiry",
                        expiresIn);
            }
            return expiresIn;
        }
    }

    record Message(@Size(max = 2000) String message) {
        static String of(Message body) {
            return body == null || body.message() == null || body.message().isBlank()
                    ? null
                    : body.message().strip();
        }
    }
}
