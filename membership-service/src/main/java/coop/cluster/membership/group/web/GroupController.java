package coop.cluster.membership.group.web;

import coop.cluster.membership.group.GroupAccess;
import coop.cluster.membership.group.Groups;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
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

/** Thematic groups: the council creates them by resolution; members join and leave them here. */
@RestController
@Validated
@RequestMapping("/api/groups")
class GroupController {

    private static final String ID = "[0-9a-f-]{36}";

    private final Groups groups;
    private final jakarta.validation.Validator validator;

    GroupController(Groups groups, jakarta.validation.Validator validator) {
        this.validator = validator;
        this.groups = groups;
    }

    @Operation(summary = "List the thematic groups, by name")
    @GetMapping
    Page<GroupView> list(
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        GroupAccess.checkMayRead(caller);
        return groups.list(PageRequest.of(page, size)).map(GroupView::of);
    }

    @GetMapping("/{id}")
    GroupView get(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        GroupAccess.checkMayRead(caller);
        return GroupView.of(groups.get(id));
    }

    @Operation(
            summary = "Join a group",
            description =
                    "An active member joins, through its own users (memberId may "
                            + "be left out: it is the caller's organisation) or a manager.")
    @PostMapping("/{id}/members")
    ResponseEntity<GroupView> join(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody(required = false) JoinRequest body,
            Caller caller) {
        // authorization before validation: a caller who may change no group's membership learns
        // nothing of the body
        GroupAccess.checkMayChangeAnyMembership(caller);
        MemberId member = memberOf(RequestBodies.valid(validator, body), caller);
        GroupAccess.checkMayChangeMembership(caller, member);
        GroupView joined = GroupView.of(groups.join(id, member));
        return ResponseEntity.created(URI.create("/api/groups/" + id + "/members/" + member))
                .body(joined);
    }

    @Operation(summary = "Leave a group")
    @DeleteMapping("/{id}/members/{memberId}")
    GroupView leave(
            @PathVariable @Pattern(regexp = ID) String id,
            @PathVariable @Pattern(regexp = ID) String memberId,
            Caller caller) {
        MemberId member = new MemberId(memberId);
        GroupAccess.checkMayChangeMembership(caller, member);
        return GroupView.of(groups.leave(id, member));
    }

    record JoinRequest(@Pattern(regexp = ID) String memberId) {}

    private static MemberId memberOf(JoinRequest body, Caller caller) {
        if (body != null && body.memberId() != null) {
            return new MemberId(body.memberId());
        }
        return caller.memberId()
                .map(MemberId::new)
                .orElseThrow(
                        () -> new ProblemException(HttpStatus.BAD_REQUEST, "member-id-required"));
    }
}
