package coop.cluster.membership.member.web;

import coop.cluster.membership.member.MemberAccess;
import coop.cluster.membership.member.Members;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.MemberRuleViolation;
import coop.cluster.membership.member.domain.MemberStatus;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.IdempotencyKeys;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import coop.cluster.plumbing.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Members: applications, profiles, admission and the lifecycle, delegates. Every answer that shows
 * a member carries its version as the {@code ETag}; changes accept {@code If-Match} (the profile
 * requires it) and answer 412 when the member changed since.
 */
@RestController
@Validated
@RequestMapping("/api/members")
class MemberController {

    private static final String ID = "[0-9a-f-]{36}";

    private final Members members;
    private final jakarta.validation.Validator validator;

    MemberController(Members members, jakarta.validation.Validator validator) {
        this.validator = validator;
        this.members = members;
    }

    @Operation(
            summary = "Apply to join the cluster",
            description =
                    "Managers file applications for organisations; a member user without an"
                        + " organisation applies for its own. The registration number must be new"
                        + " to the cluster. listedPublicly (optional, default false): list the"
                        + " organisation on the public page once it is active. Send an"
                        + " Idempotency-Key header to retry safely: a retry of a stored application"
                        + " answers it again (200, Idempotent-Replayed: true); the key for another"
                        + " organisation is a 422 idempotency-conflict.")
    @PostMapping("/applications")
    ResponseEntity<MemberView> apply(
            @RequestBody ProfileRequest request,
            @RequestHeader(value = IdempotencyKeys.HEADER, required = false) String key,
            Caller caller) {
        MemberAccess.checkMayApply(caller);
        RequestBodies.valid(validator, request);
        Members.Application application =
                members.apply(
                        profile(request),
                        Boolean.TRUE.equals(request.listedPublicly()),
                        caller.subject(),
                        key);
        Member member = application.member();
        URI location = URI.create("/api/members/" + member.id());
        if (application.replayed()) {
            return ResponseEntity.ok()
                    .location(location)
                    .header(IdempotencyKeys.REPLAYED, "true")
                    .eTag(etag(member))
                    .body(MemberView.of(member));
        }
        return ResponseEntity.created(location).eTag(etag(member)).body(MemberView.of(member));
    }

    @Operation(
            summary = "List members, by status",
            description =
                    "Managers and finance staff; paginated, oldest "
                            + "application first. Members search the directory instead.")
    @GetMapping
    Page<MemberView> list(
            @RequestParam(required = false) MemberStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        MemberAccess.checkMayList(caller);
        return members.list(status, PageRequest.of(page, size)).map(MemberView::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<MemberView> get(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        MemberId member = new MemberId(id);
        MemberAccess.checkMayRead(caller, member);
        return ok(members.get(member));
    }

    @Operation(
            summary = "Replace the profile",
            description =
                    "Needs If-Match with the ETag of the member as read; the registration number"
                        + " cannot change. listedPublicly (optional) sets whether the organisation"
                        + " is listed on the public page (GET /api/public/members) while active;"
                        + " absent keeps the current choice.")
    @PutMapping("/{id}/profile")
    ResponseEntity<MemberView> updateProfile(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody ProfileRequest request,
            Caller caller) {
        MemberId member = new MemberId(id);
        MemberAccess.checkMayEdit(caller, member);
        RequestBodies.valid(validator, request);
        Long expected = Versions.parse(ifMatch);
        if (expected == null) {
            throw new ProblemException(HttpStatus.PRECONDITION_REQUIRED, "if-match-required");
        }
        return ok(
                members.updateProfile(
                        member, profile(request), request.listedPublicly(), expected));
    }

    @Operation(summary = "Admit an applicant (managers)")
    @PostMapping("/{id}/admit")
    ResponseEntity<MemberView> admit(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) OptionalReason body,
            Caller caller) {
        MemberAccess.checkMayManage(caller);
        RequestBodies.valid(validator, body);
        return ok(
                members.admit(new MemberId(id), OptionalReason.of(body), Versions.parse(ifMatch)));
    }

    @Operation(summary = "Reject an application, with a reason (managers)")
    @PostMapping("/{id}/reject")
    ResponseEntity<MemberView> reject(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Reason body,
            Caller caller) {
        MemberAccess.checkMayManage(caller);
        RequestBodies.valid(validator, body);
        return ok(members.reject(new MemberId(id), body.reason(), Versions.parse(ifMatch)));
    }

    @Operation(summary = "Suspend an active member, with a reason (managers)")
    @PostMapping("/{id}/suspend")
    ResponseEntity<MemberView> suspend(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Reason body,
            Caller caller) {
        MemberAccess.checkMayManage(caller);
        RequestBodies.valid(validator, body);
        return ok(
                members.suspend(
                        new MemberId(id), body.reason(), "manager", Versions.parse(ifMatch)));
    }

    @Operation(summary = "Reinstate a suspended member (managers)")
    @PostMapping("/{id}/reinstate")
    ResponseEntity<MemberView> reinstate(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) OptionalReason body,
            Caller caller) {
        MemberAccess.checkMayManage(caller);
        RequestBodies.valid(validator, body);
        return ok(
                members.reinstate(
                        new MemberId(id), OptionalReason.of(body), Versions.parse(ifMatch)));
    }

    @Operation(
            summary = "Leave the cluster",
            description = "The member's own users, or managers on its behalf.")
    @PostMapping("/{id}/leave")
    ResponseEntity<MemberView> leave(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) OptionalReason body,
            Caller caller) {
        MemberId member = new MemberId(id);
        MemberAccess.checkMayEdit(caller, member);
        RequestBodies.valid(validator, body);
        return ok(members.leave(member, OptionalReason.of(body), Versions.parse(ifMatch)));
    }

    @Operation(summary = "Exclude a member, with a reason (managers)")
    @PostMapping("/{id}/exclude")
    ResponseEntity<MemberView> exclude(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Reason body,
            Caller caller) {
        MemberAccess.checkMayManage(caller);
        RequestBodies.valid(validator, body);
        return ok(members.exclude(new MemberId(id), body.reason(), Versions.parse(ifMatch)));
    }

    @Operation(
            summary = "Appoint or nominate the member's delegate to the council",
            description =
                    "An active member's own users, or managers. The delegate must be a user of the"
                        + " member, which only that user's own token shows (its member_id). So a"
                        + " user who names themselves is appointed at once (200, the member);"
                        + " anyone else is nominated (202, the member with its nominee) and takes"
                        + " the seat when they accept it: POST"
                        + " /api/members/{id}/delegate/acceptance. To act on the council the"
                        + " delegate also needs the delegate role. Either way the delegate must be"
                        + " one of the member's people at the identity service: otherwise 422 "
                        + "delegate-not-a-person-of-member.")
    @ApiResponse(responseCode = "200", description = "the caller named themselves: appointed")
    @ApiResponse(
            responseCode = "202",
            description = "nominated: the seat is theirs once they accept it")
    @ApiResponse(
            responseCode = "422",
            description = "delegate-not-a-person-of-member: not one of the member's people")
    @PutMapping("/{id}/delegate")
    ResponseEntity<MemberView> appointDelegate(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody DelegateRequest body,
            Caller caller) {
        MemberId member = new MemberId(id);
        MemberAccess.checkMayEdit(caller, member);
        RequestBodies.valid(validator, body);
        if (body.subject().equals(caller.subject()) && caller.belongsTo(id)) {
            return ok(
                    members.appointDelegate(
                            member,
                            body.subject(),
                            body.name(),
                            body.email(),
                            Versions.parse(ifMatch)));
        }
        Member nominated =
                members.nominateDelegate(
                        member, body.subject(), body.name(), body.email(), Versions.parse(ifMatch));
        return ResponseEntity.accepted().eTag(etag(nominated)).body(MemberView.of(nominated));
    }

    @Operation(
            summary = "Accept the seat you were nominated to",
            description =
                    "Only the nominee, with a token of this member (member_id): the nominee becomes"
                        + " the member's delegate (event delegate-appointed). 403"
                        + " delegate-nomination-missing if the caller is not the member's pending"
                        + " nominee. Accepting a seat already held answers 200.")
    @PostMapping("/{id}/delegate/acceptance")
    ResponseEntity<MemberView> acceptDelegacy(
            @PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        MemberId member = new MemberId(id);
        MemberAccess.checkMayAcceptDelegacy(caller, member);
        return ok(members.acceptDelegacy(member, caller.subject()));
    }

    record Reason(@NotBlank @Size(max = 1000) String reason) {}

    record OptionalReason(@Size(max = 1000) String reason) {
        static String of(OptionalReason body) {
            return body == null || body.reason() == null || body.reason().isBlank()
                    ? null
                    : body.reason().strip();
        }
    }

    record DelegateRequest(
            @NotBlank @Size(max = 200) @Pattern(regexp = "\\S+") String subject,
            @NotBlank @Size(max = 120) String name,
            @jakarta.validation.constraints.Email @Size(max = 200) String email) {}

    private static Profile profile(ProfileRequest request) {
        try {
            return request.toProfile();
        } catch (MemberRuleViolation invalid) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, invalid.code(), invalid.args());
        }
    }

    private static ResponseEntity<MemberView> ok(Member member) {
        return ResponseEntity.ok().eTag(etag(member)).body(MemberView.of(member));
    }

    private static String etag(Member member) {
        return Versions.etag(member.version());
    }
}
