package coop.cluster.auth.people.web;

import static coop.cluster.auth.people.web.Requests.language;
import static coop.cluster.auth.people.web.Requests.organisationRoles;
import static coop.cluster.auth.people.web.Requests.ruled;
import static coop.cluster.auth.people.web.Requests.staffRoles;

import coop.cluster.auth.people.People;
import coop.cluster.auth.people.PeopleAccess;
import coop.cluster.auth.people.domain.Person;
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
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * People: one's own account ({@code /me}), an organisation's people, their roles. Losing a role or
 * the organisation ends the person's sessions and revokes their tokens at the services ({@code
 * access.revoked}).
 */
@RestController
@Validated
@RequestMapping("/api/identity")
class PeopleController {

    /** A person id: a UUID, or a demo cast name. */
    static final String PERSON_ID = "[A-Za-z0-9._-]{1,64}";

    private final People people;
    private final Validator validator;

    PeopleController(People people, Validator validator) {
        this.people = people;
        this.validator = validator;
    }

    @Operation(summary = "The caller's own account")
    @GetMapping("/me")
    PersonView me(Caller caller) {
        PeopleAccess.checkIsPerson(caller);
        return PersonView.of(people.person(caller.subject()));
    }

    @Operation(summary = "Change one's display name and language")
    @PatchMapping("/me")
    PersonView updateMe(@RequestBody Requests.Profile body, Caller caller) {
        PeopleAccess.checkIsPerson(caller);
        RequestBodies.valid(validator, body);
        return PersonView.of(
                ruled(
                        () ->
                                people.updateProfile(
                                        caller.subject(),
                                        body.displayName(),
                                        language(body.language()))));
    }

    @Operation(
            summary = "List people",
            description =
                    "A manager any organisation's (all people without memberId); "
                            + "an organisation's people their own. By email, paginated.")
    @GetMapping("/people")
    Page<PersonView> list(
            @RequestParam(required = false) @Pattern(regexp = Requests.UUID) String memberId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            Caller caller) {
        String member = PeopleAccess.checkMayListPeople(caller, memberId);
        return people.list(member, PageRequest.of(page, size)).map(PersonView::of);
    }

    @Operation(
            summary = "Set a person's roles in their organisation",
            description =
                    "member and/or admin; delegate "
                            + "follows membership's appointment and is kept.")
    @PutMapping("/people/{id}/roles")
    PersonView changeRoles(
            @PathVariable @Pattern(regexp = PERSON_ID) String id,
            @RequestBody Requests.Roles body,
            Caller caller) {
        Person person = managed(id, caller);
        RequestBodies.valid(validator, body);
        return PersonView.of(
                ruled(
                        () ->
                                people.changeRoles(
                                        person,
                                        organisationRoles(body.roles()),
                                        caller.subject())));
    }

    @Operation(
            summary = "Remove a person from their organisation",
            description = "They keep their account.")
    @DeleteMapping("/people/{id}/organisation")
    ResponseEntity<Void> remove(
            @PathVariable @Pattern(regexp = PERSON_ID) String id, Caller caller) {
        Person person = managed(id, caller);
        ruled(() -> people.removeFromOrganisation(person, caller.subject()));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Set a person's staff roles (platform administrators)")
    @PutMapping("/people/{id}/staff-roles")
    PersonView changeStaffRoles(
            @PathVariable @Pattern(regexp = PERSON_ID) String id,
            @RequestBody Requests.StaffRoles body,
            Caller caller) {
        PeopleAccess.checkMayGrantStaffRoles(caller);
        Person person = people.person(id);
        RequestBodies.valid(validator, body);
        return PersonView.of(
                ruled(
                        () ->
                                people.changeStaffRoles(
                                        person, staffRoles(body.staffRoles()), caller.subject())));
    }

    private Person managed(String id, Caller caller) {
        if (!caller.hasAny(ClusterRole.MANAGER, ClusterRole.ADMIN)) {
            throw ProblemException.forbidden();
        }
        Person person = people.person(id);
        PeopleAccess.checkMayManagePerson(caller, person);
        return person;
    }
}
