package coop.cluster.auth.people.web;

import static coop.cluster.auth.people.web.Requests.email;
import static coop.cluster.auth.people.web.Requests.language;
import static coop.cluster.auth.people.web.Requests.organisationRoles;
import static coop.cluster.auth.people.web.Requests.ruled;
import static coop.cluster.auth.people.web.Requests.staffRoles;

import coop.cluster.auth.people.People;
import coop.cluster.auth.people.PeopleAccess;
import coop.cluster.auth.people.domain.Invitation;
import coop.cluster.auth.people.domain.InvitationStatus;
import coop.cluster.auth.people.web.Views.InvitationView;
import coop.cluster.auth.people.web.Views.PersonView;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.security.ClusterRole;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.Locale;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invitations: made by a manager (any organisation), an organisation's admin (their own, {@code
 * member}/{@code admin} only) or a platform administrator (staff roles); accepted through the
 * one-time link mailed to the address.
 */
@RestController
@Validated
@RequestMapping("/api/identity/invitations")
class InvitationController {

    private final People people;
    private final Validator validator;

    InvitationController(People people, Validator validator) {
        this.people = people;
        this.validator = validator;
    }

    @Operation(
            summary = "Invite someone",
            description =
                    "Stores the invitation, then mails its one-time link (valid 7 days). If the"
                        + " mail cannot be sent, the invitation is kept (sent: false): re-send it.")
    @PostMapping
    ResponseEntity<InvitationView> invite(@RequestBody Requests.Invite body, Caller caller) {
        PeopleAccess.checkMayInvite(
                caller,
                body.memberId(),
                organisationRoles(body.roles()),
                staffRoles(body.staffRoles()));
        RequestBodies.valid(validator, body);
        Invitation invitation =
                ruled(
                        () ->
                                people.invite(
                                        email(body.email()),
                                        body.displayName(),
                                        language(body.language()),
                                        body.memberId(),
                                        organisationRoles(body.roles()),
                                        staffRoles(body.staffRoles()),
                                        caller.subject()));
        return ResponseEntity.created(URI.create("/api/identity/invitations/" + invitation.id()))
                .body(InvitationView.of(invitation));
    }

    @Operation(
            summary = "List invitations",
            description = "Newest first; an organisation's admin sees its own.")
    @GetMapping
    Page<InvitationView> list(
            @RequestParam(required = false) @Pattern(regexp = Requests.UUID) String memberId,
            @RequestParam(required = false) @Pattern(regexp = "pending|accepted|cancelled")
                    String status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        String member = PeopleAccess.checkMayListInvitations(caller, memberId);
        InvitationStatus wanted =
                status == null ? null : InvitationStatus.valueOf(status.toUpperCase(Locale.ROOT));
        return people.invitations(member, wanted, PageRequest.of(page, size))
                .map(InvitationView::of);
    }

    @Operation(summary = "Cancel an invitation", description = "Its links stop working.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> cancel(
            @PathVariable @Pattern(regexp = Requests.UUID) String id, Caller caller) {
        ruled(() -> people.cancel(handled(id, caller).id()));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Send the invitation again",
            description =
                    "A new link, valid 7 days from now; the earlier "
                            + "links stop working. Also for an invitation that expired unanswered.")
    @PostMapping("/{id}/resend")
    ResponseEntity<InvitationView> resend(
            @PathVariable @Pattern(regexp = Requests.UUID) String id, Caller caller) {
        Invitation invitation = ruled(() -> people.resend(handled(id, caller).id()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(InvitationView.of(invitation));
    }

    @Operation(
            summary = "Accept an invitation (anonymous, with the link's token)",
            description =
                    "Sets the password; the account joins the organisation with the invitation's"
                        + " roles. The link works once; an unknown, used or expired one gets 400"
                        + " invalid-link.")
    @PostMapping("/acceptance")
    PersonView accept(@RequestBody Requests.Acceptance body) {
        RequestBodies.valid(validator, body);
        return PersonView.of(
                ruled(
                        () ->
                                people.acceptInvitation(
                                        body.token(),
                                        body.password(),
                                        body.displayName(),
                                        language(body.language()))));
    }

    private Invitation handled(String id, Caller caller) {
        if (!caller.hasAny(ClusterRole.MANAGER, ClusterRole.ADMIN, ClusterRole.PLATFORM_ADMIN)) {
            throw ProblemException.forbidden();
        }
        Invitation invitation = people.invitation(id);
        PeopleAccess.checkMayHandle(caller, invitation);
        return invitation;
    }
}
