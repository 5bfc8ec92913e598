package coop.cluster.auth.people.web;

import static coop.cluster.auth.people.web.Requests.email;
import static coop.cluster.auth.people.web.Requests.language;
import static coop.cluster.auth.people.web.Requests.ruled;

import coop.cluster.auth.people.People;
import coop.cluster.auth.people.web.Views.Accepted;
import coop.cluster.plumbing.web.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Validator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a person does without a session: sign up, confirm the address, reset a forgotten password.
 * No answer tells whether an address has an account: a sign-up and a reset request get 202 either
 * way (the mail, or its absence, tells the address's owner only), and a link that does not work
 * gets the same 400 whatever the reason.
 */
@RestController
@RequestMapping("/api/identity")
class AccountController {

    private final People people;
    private final Validator validator;

    AccountController(People people, Validator validator) {
        this.people = people;
        this.validator = validator;
    }

    @Operation(
            summary = "Sign up (anonymous)",
            description =
                    "Always 202: a link to confirm the address is mailed, "
                            + "or, if the address has an account, a mail saying so.")
    @PostMapping("/sign-ups")
    ResponseEntity<Accepted> signUp(@RequestBody Requests.SignUp body) {
        RequestBodies.valid(validator, body);
        people.signUp(
                email(body.email()),
                body.displayName(),
                language(body.language()),
                body.password());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Accepted.INSTANCE);
    }

    @Operation(
            summary = "Confirm a sign-up (anonymous, with the link's token)",
            description =
                    "The account exists, in no organisation; its holder may then file their"
                            + " organisation's membership application.")
    @PostMapping("/sign-ups/confirmation")
    Views.PersonView confirm(@RequestBody Requests.Token body) {
        RequestBodies.valid(validator, body);
        return Views.PersonView.of(ruled(() -> people.confirmSignUp(body.token())));
    }

    @Operation(
            summary = "Ask for a password reset (anonymous)",
            description =
                    "Always 202; a link (valid one hour) "
                            + "is mailed if the address has an account.")
    @PostMapping("/password-resets")
    ResponseEntity<Accepted> requestReset(@RequestBody Requests.ResetRequest body) {
        RequestBodies.valid(validator, body);
        people.requestPasswordReset(email(body.email()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Accepted.INSTANCE);
    }

    @Operation(
            summary = "Set a new password (anonymous, with the link's token)",
            description = "The person's " + "sessions end.")
    @PostMapping("/password-resets/completion")
    ResponseEntity<Void> completeReset(@RequestBody Requests.ResetCompletion body) {
        RequestBodies.valid(validator, body);
        ruled(() -> people.completePasswordReset(body.token(), body.password()));
        return ResponseEntity.noContent().build();
    }
}
