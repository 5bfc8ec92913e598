package coop.cluster.project.project.web;

import coop.cluster.plumbing.domain.RuleViolation;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.IdempotencyKeys;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import coop.cluster.plumbing.web.Versions;
import coop.cluster.project.project.ProjectAccess;
import coop.cluster.project.project.Projects;
import coop.cluster.project.project.domain.Project;
import coop.cluster.project.project.domain.ProjectDetails;
import coop.cluster.project.project.domain.ProjectStatus;
import coop.cluster.project.suggestion.Suggestions;
import io.swagger.v3.oas.annotations.Operation;
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
 * Cooperation projects: started by an active member, which leads it; edited, opened to partners,
 * closed or abandoned by its leader. Every answer carries the project's version as its {@code
 * ETag}; changes accept {@code If-Match} (editing requires it).
 */
@RestController
@Validated
@RequestMapping("/api/projects")
class ProjectController {

    private static final String ID = "[0-9a-f-]{36}";

    private final Projects projects;
    private final Suggestions suggestions;
    private final jakarta.validation.Validator validator;

    ProjectController(
            Projects projects, Suggestions suggestions, jakarta.validation.Validator validator) {
        this.validator = validator;
        this.projects = projects;
        this.suggestions = suggestions;
    }

    @Operation(
            summary = "Partner suggestions (the leader, managers)",
            description =
                    "Active members ranked by how well their profile fits the project's needs (a"
                        + " needed competence weighs 3, a needed resource type offered 2), with the"
                        + " reasons; partners and members already invited are left out.")
    @GetMapping("/{id}/suggestions")
    Page<SuggestionView> suggestions(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        Project project = projects.get(id);
        if (!caller.has(coop.cluster.plumbing.security.ClusterRole.MANAGER)) {
            ProjectAccess.checkMayLead(caller, project);
        }
        return suggestions.suggest(project, PageRequest.of(page, size)).map(SuggestionView::of);
    }

    @Operation(
            summary = "Start a project",
            description =
                    "A member or delegate user starts it for its own organisation, which must be an"
                        + " active member; it becomes the leader. The project starts as a DRAFT."
                        + " Send an Idempotency-Key header to retry safely: a retry of a stored"
                        + " start answers the project again (200, Idempotent-Replayed: true); the"
                        + " key for another project is a 422 idempotency-conflict.")
    @PostMapping
    ResponseEntity<ProjectView> start(
            @RequestBody ProjectRequest request,
            @RequestHeader(value = IdempotencyKeys.HEADER, required = false) String key,
            Caller caller) {
        String leader = ProjectAccess.memberStarting(caller);
        RequestBodies.valid(validator, request);
        Projects.Started started = projects.start(leader, details(request), caller.subject(), key);
        Project project = started.project();
        URI location = URI.create("/api/projects/" + project.id());
        if (started.replayed()) {
            return ResponseEntity.ok()
                    .location(location)
                    .header(IdempotencyKeys.REPLAYED, "true")
                    .eTag(Versions.etag(project.version()))
                    .body(ProjectView.of(project));
        }
        return ResponseEntity.created(location)
                .eTag(Versions.etag(project.version()))
                .body(ProjectView.of(project));
    }

    @Operation(
            summary = "List projects, newest first",
            description =
                    "A member's own projects (drafts included) and every other project past its"
                        + " draft; managers see all but others' drafts. targetCallClosed=true lists"
                        + " the projects flagged because the funding call they aim at has closed.")
    @GetMapping
    Page<ProjectView> list(
            @RequestParam(required = false) ProjectStatus status,
            @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(required = false) Boolean targetCallClosed,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        ProjectAccess.checkMayList(caller);
        String member = caller.memberId().orElse("");
        return projects.visibleTo(
                        member, !mine, status, targetCallClosed, PageRequest.of(page, size))
                .map(ProjectView::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<ProjectView> get(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        Project project = projects.get(id);
        ProjectAccess.checkMayRead(caller, project);
        return ok(project);
    }

    @Operation(
            summary = "Edit the project (its leader)",
            description = "Needs If-Match with the ETag as read.")
    @PutMapping("/{id}")
    ResponseEntity<ProjectView> edit(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody ProjectRequest request,
            Caller caller) {
        Project project = projects.get(id);
        ProjectAccess.checkMayLead(caller, project);
        RequestBodies.valid(validator, request);
        Long expected = Versions.parse(ifMatch);
        if (expected == null) {
            throw new ProblemException(HttpStatus.PRECONDITION_REQUIRED, "if-match-required");
        }
        return ok(projects.edit(id, project.leader(), details(request), expected));
    }

    @Operation(summary = "Open a draft to partners (its leader): it is FORMING")
    @PostMapping("/{id}/open")
    ResponseEntity<ProjectView> open(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Caller caller) {
        Project project = projects.get(id);
        ProjectAccess.checkMayLead(caller, project);
        return ok(projects.open(id, project.leader(), Versions.parse(ifMatch)));
    }

    @Operation(summary = "Close an active project, its work done (its leader)")
    @PostMapping("/{id}/close")
    ResponseEntity<ProjectView> close(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) Reason body,
            Caller caller) {
        Project project = projects.get(id);
        ProjectAccess.checkMayLead(caller, project);
        RequestBodies.valid(validator, body);
        return ok(projects.close(id, project.leader(), Reason.of(body), Versions.parse(ifMatch)));
    }

    @Operation(summary = "Abandon the project (its leader, or a manager), with a reason")
    @PostMapping("/{id}/abandon")
    ResponseEntity<ProjectView> abandon(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody RequiredReason body,
            Caller caller) {
        Project project = projects.get(id);
        ProjectAccess.checkMayAbandon(caller, project);
        RequestBodies.valid(validator, body);
        String actor = caller.memberId().orElse(caller.subject());
        return ok(projects.abandon(id, actor, body.reason(), Versions.parse(ifMatch)));
    }

    @Operation(summary = "Leave the project (a partner's users; the leader hands over first)")
    @PostMapping("/{id}/leave")
    ResponseEntity<ProjectView> leave(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) Reason body,
            Caller caller) {
        Project project = projects.get(id);
        String member = ProjectAccess.partnerLeaving(caller, project);
        RequestBodies.valid(validator, body);
        return ok(projects.leave(id, member, Reason.of(body), Versions.parse(ifMatch)));
    }

    @Operation(
            summary =
                    "Offer the leadership to a partner (the leader); it takes effect when accepted")
    @PutMapping("/{id}/leadership")
    ResponseEntity<ProjectView> offerLeadership(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody LeadershipOffer body,
            Caller caller) {
        Project project = projects.get(id);
        ProjectAccess.checkMayLead(caller, project);
        RequestBodies.valid(validator, body);
        return ok(projects.offerLeadership(id, body.memberId(), Versions.parse(ifMatch)));
    }

    @Operation(summary = "Take the leadership offered (the partner's users)")
    @PostMapping("/{id}/leadership/accept")
    ResponseEntity<ProjectView> acceptLeadership(
            @PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        String member = ProjectAccess.offeredLeader(caller, projects.get(id));
        return ok(projects.answerLeadership(id, member, true));
    }

    @Operation(summary = "Decline the leadership offered (the partner's users)")
    @PostMapping("/{id}/leadership/decline")
    ResponseEntity<ProjectView> declineLeadership(
            @PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        String member = ProjectAccess.offeredLeader(caller, projects.get(id));
        return ok(projects.answerLeadership(id, member, false));
    }

    @Operation(
            summary = "Propose a new version of the partnership agreement (the leader)",
            description =
                    "Each partner's contribution (money and/or in kind with its value, in the"
                            + " agreement's currency), the coordinator, the tasks with the partner"
                            + " responsible, the settlement rule. Every partner must sign the new"
                            + " version.")
    @PutMapping("/{id}/agreement")
    ResponseEntity<ProjectView> proposeAgreement(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AgreementRequest body,
            Caller caller) {
        Project project = projects.get(id);
        ProjectAccess.checkMayLead(caller, project);
        RequestBodies.valid(validator, body);
        return ok(
                projects.proposeAgreement(
                        id,
                        body.currency(),
                        body.contributionList(),
                        body.coordinator(),
                        body.taskList(),
                        body.settlementRule(),
                        Versions.parse(ifMatch)));
    }

    @Operation(
            summary = "Sign the agreement's current version (a partner's users)",
            description =
                    "Name the version signed: a version changed since it was read is refused (409"
                        + " agreement-changed). The last signature makes a forming project active.")
    @PostMapping("/{id}/agreement/signatures")
    ResponseEntity<ProjectView> sign(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody Signature body,
            Caller caller) {
        Project project = projects.get(id);
        String member = ProjectAccess.partnerSigning(caller, project);
        RequestBodies.valid(validator, body);
        return ok(projects.sign(id, member, body.version()));
    }

    record Signature(@jakarta.validation.constraints.NotNull @Min(1) Integer version) {}

    record LeadershipOffer(@NotBlank @Pattern(regexp = ID) String memberId) {}

    record Reason(@Size(max = 1000) String reason) {
        static String of(Reason body) {
            return body == null || body.reason() == null || body.reason().isBlank()
                    ? null
                    : body.reason().strip();
        }
    }

    record RequiredReason(@NotBlank @Size(max = 1000) String reason) {}

    private static ProjectDetails details(ProjectRequest request) {
        try {
            return request.toDetails();
        } catch (RuleViolation invalid) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, invalid.code(), invalid.args());
        }
    }

    private static ResponseEntity<ProjectView> ok(Project project) {
        return ResponseEntity.ok()
                .eTag(Versions.etag(project.version()))
                .body(ProjectView.of(project));
    }
}
