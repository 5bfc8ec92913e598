package coop.cluster.activity.event.web;

import coop.cluster.activity.event.EventAccess;
import coop.cluster.activity.event.ExchangeEvents;
import coop.cluster.activity.event.domain.EventDetails;
import coop.cluster.activity.event.domain.EventKind;
import coop.cluster.activity.event.domain.ExchangeEvent;
import coop.cluster.plumbing.domain.RuleViolation;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import coop.cluster.plumbing.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exchange events: managers create them as drafts, publish and cancel them; members' people list
 * and read the published ones. Every answer carries the event's version as its {@code ETag}; the
 * changes accept {@code If-Match}.
 */
@RestController
@Validated
@RequestMapping("/api/activity/events")
class EventController {

    private static final String ID = "[0-9a-f-]{36}";

    private final ExchangeEvents events;
    private final Validator validator;

    EventController(ExchangeEvents events, Validator validator) {
        this.events = events;
        this.validator = validator;
    }

    @Operation(
            summary = "Create an exchange event (managers)",
            description =
                    "A DRAFT, which only managers see until it is published. A title in French or"
                            + " English (or both), a place or an https online link, start and end,"
                            + " capacity, and who may register (ALL_MEMBERS, GROUP with its"
                            + " groupId, OPEN_TO_GUESTS).")
    @PostMapping
    ResponseEntity<EventView> create(@RequestBody EventRequest request, Caller caller) {
        EventAccess.checkMayManage(caller);
        RequestBodies.valid(validator, request);
        EventDetails details;
        try {
            details = request.toDetails();
        } catch (RuleViolation invalid) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, invalid.code(), invalid.args());
        }
        ExchangeEvent event = events.create(details, caller.subject());
        return ResponseEntity.created(URI.create("/api/activity/events/" + event.id()))
                .eTag(Versions.etag(event.version()))
                .body(EventView.of(event));
    }

    @Operation(
            summary = "List exchange events, soonest first",
            description =
                    "Filtered by kind and by start (from inclusive, to exclusive). Members' people"
                            + " see the published, cancelled and held events; managers see drafts"
                            + " too.")
    @GetMapping
    Page<EventView> list(
            @RequestParam(required = false) EventKind kind,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        EventAccess.checkMayList(caller);
        return events.list(
                        EventAccess.seesDrafts(caller), kind, from, to, PageRequest.of(page, size))
                .map(EventView::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<EventView> get(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        ExchangeEvent event = events.get(id);
        EventAccess.checkMayRead(caller, event);
        return ok(event);
    }

    @Operation(summary = "Publish a draft (managers): registrations open")
    @PostMapping("/{id}/publish")
    ResponseEntity<EventView> publish(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Caller caller) {
        EventAccess.checkMayManage(caller);
        return ok(events.publish(id, Versions.parse(ifMatch)));
    }

    @Operation(
            summary = "Cancel an event (managers), with a reason",
            description = "A draft or a published event; the people registered are announced.")
    @PostMapping("/{id}/cancel")
    ResponseEntity<EventView> cancel(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) Reason body,
            Caller caller) {
        EventAccess.checkMayManage(caller);
        RequestBodies.valid(validator, body);
        String reason = body == null || body.reason() == null ? null : body.reason().strip();
        return ok(events.cancel(id, reason, Versions.parse(ifMatch)));
    }

    record Reason(@Size(max = 1000) String reason) {}

    private static ResponseEntity<EventView> ok(ExchangeEvent event) {
        return ResponseEntity.ok().eTag(Versions.etag(event.version())).body(EventView.of(event));
    }
}
