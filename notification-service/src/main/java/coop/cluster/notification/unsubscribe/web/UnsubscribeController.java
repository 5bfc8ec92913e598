package coop.cluster.notification.unsubscribe.web;

import coop.cluster.notification.preference.Preferences;
import coop.cluster.notification.unsubscribe.UnsubscribeTokens;
import coop.cluster.plumbing.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one-click unsubscribe of RFC 8058: the mail client POSTs {@code List-Unsubscribe=One-Click}
 * to the link of the {@code List-Unsubscribe} header, without a token (the link's signed token says
 * who and which kind). It turns that kind of e-mail off for that person. Only POST: a GET (a mail
 * scanner following links) changes nothing.
 */
@RestController
@Tag(name = "unsubscribe", description = "One-click unsubscribe links (RFC 8058)")
public class UnsubscribeController {

    public static final String PATH = "/api/notifications/unsubscribe";

    private final UnsubscribeTokens tokens;
    private final Preferences preferences;

    UnsubscribeController(UnsubscribeTokens tokens, Preferences preferences) {
        this.tokens = tokens;
        this.preferences = preferences;
    }

    @Operation(
            summary =
                    "Turn one kind of e-mail off for one person, from the signed link of a mail (no"
                            + " token)")
    @SecurityRequirements
    @PostMapping(PATH)
    Unsubscribed unsubscribe(@RequestParam(required = false) String token) {
        UnsubscribeTokens.Subscription subscription =
                tokens.verify(token)
                        .orElseThrow(
                                () ->
                                        new ProblemException(
                                                HttpStatus.BAD_REQUEST,
                                                "invalid-unsubscribe-link"));
        preferences.turnOff(subscription.personId(), subscription.kind());
        return new Unsubscribed(subscription.kind().code(), "email");
    }

    record Unsubscribed(String kind, String channel) {}
}
