package coop.cluster.activity.registration.web;

import coop.cluster.activity.event.ExchangeEvents;
import coop.cluster.activity.event.domain.ExchangeEvent;
import coop.cluster.activity.event.domain.Registration;
import coop.cluster.activity.registration.RegistrationAccess;
import coop.cluster.activity.registration.Registrations;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import coop.cluster.plumbing.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registrations: members' people register themselves and cancel; a full event puts newcomers on its
 * waiting list, and a cancellation moves the first person waiting up. Managers read an event's
 * registrations and record attendance on the day.
 */
@RestController
@Validated
class RegistrationController {

    private static final String ID = "[0-9a-f-]{36}";

    private final ExchangeEvents events;
    private final Registrations registrations;
    private final Validator validator;

    RegistrationController(
            ExchangeEvents events, Registrations registrations, Validator validator) {
        this.events = events;
        this.registrations = registrations;
        this.validator = validator;
    }

    @Operation(
            summary = "Register for a published event (members' people, for themselves)",
            description =
                    "201 CONFIRMED while a place is free; otherwise 201 WAITLISTED with the"
                            + " position on the waiting list; 409 event-full when the waiting list"
                            + " is full too, already-registered for a second registration,"
                            + " event-not-open for a draft, cancelled or held event.")
    @PostMapping("/api/activity/events/{id}/registrations")
    ResponseEntity<RegistrationView> register(
            @PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        ExchangeEvent event = events.get(id);
        String member = RegistrationAccess.registering(caller, event);
        Registrations.Held held = registrations.register(id, caller.subject(), member);
        return ResponseEntity.created(
                        URI.create(
                                "/api/activity/events/"
                                        + id
                                        + "/registrations/"
                                        + held.registration().registrationId()))
                .body(RegistrationView.of(held));
    }

    @Operation(summary = "An event's registrations and waiting list, in order (managers)")
    @GetMapping("/api/activity/events/{id}/registrations")
    ResponseEntity<RosterView> roster(
            @PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        RegistrationAccess.checkMayManage(caller);
        return roster(events.get(id));
    }

    @Operation(
            summary = "Cancel a registration (its person, or a manager)",
            description =
                    "A confirmed registration's place goes to the first person waiting, in the"
                            + " same write.")
    @PostMapping("/api/activity/events/{id}/registrations/{registrationId}/cancel")
    ResponseEntity<Void> cancel(
            @PathVariable @Pattern(regexp = ID) String id,
            @PathVariable @Pattern(regexp = ID) String registrationId,
            Caller caller) {
        ExchangeEvent event = events.get(id);
        Registration registration =
                event.registration(registrationId)
                        .orElseThrow(
                                () -> ProblemException.notFound("registration", registrationId));
        RegistrationAccess.checkMayCancel(caller, event, registration);
        registrations.cancel(id, registrationId, caller.subject());
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Record who came (managers), from the event's day",
            description =
                    "Confirmed registrations only; recording a person twice changes nothing. The"
                            + " event is HELD from then on.")
    @PostMapping("/api/activity/events/{id}/attendance")
    ResponseEntity<RosterView> attendance(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody Attendance body,
            Caller caller) {
        RegistrationAccess.checkMayManage(caller);
        RequestBodies.valid(validator, body);
        return roster(registrations.recordAttendance(id, body.registrationIds(), caller.subject()));
    }

    @Operation(summary = "My registrations, confirmed or waiting, soonest event first")
    @GetMapping("/api/activity/registrations/mine")
    List<RegistrationView> mine(Caller caller) {
        RegistrationAccess.checkHasRegistrations(caller);
        return registrations.of(caller.subject()).stream().map(RegistrationView::of).toList();
    }

    record Attendance(
            @NotEmpty @Size(max = 2000) List<@Pattern(regexp = ID) String> registrationIds) {}

    private static ResponseEntity<RosterView> roster(ExchangeEvent event) {
        return ResponseEntity.ok().eTag(Versions.etag(event.version())).body(RosterView.of(event));
    }
}
