package coop.cluster.notification.preference.web;

import coop.cluster.notification.digest.DigestSettings;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.preference.Choice;
import coop.cluster.notification.preference.Preferences;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own e-mail preferences, per kind: {@code immediately}, {@code daily}, {@code weekly}
 * or {@code off}. Whose preferences is never a parameter: the token's subject, like the inbox. An
 * essential kind allows only {@code immediately}: another choice is refused with 422, an unknown
 * choice or kind with 400.
 */
@RestController
@Validated
@Tag(
        name = "preferences",
        description = "How the caller gets each kind of e-mail: at once, in a digest, or not")
class PreferencesController {

    static final String PATH = "/api/notifications/preferences";

    private final Preferences preferences;
    private final DigestSettings digests;

    PreferencesController(Preferences preferences, DigestSettings digests) {
        this.preferences = preferences;
        this.digests = digests;
    }

    @Operation(summary = "The caller's choice for every kind, with the choices each kind allows")
    @GetMapping(PATH)
    PreferencesView list(Caller caller) {
        return view(preferences.of(caller.subject()));
    }

    @Operation(
            summary =
                    "Set the caller's choices of several kinds (or all) at once; the kinds not"
                            + " named keep theirs. All or nothing: one refused kind changes none",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "every kind's choice, after the change"),
                @ApiResponse(
                        responseCode = "400",
                        description = "an unknown kind or choice",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "422",
                        description = "an essential kind set to other than immediately",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @PutMapping(PATH)
    PreferencesView setAll(@Valid @RequestBody ChoicesBody body, Caller caller) {
        Map<Kind, Choice> wanted = new EnumMap<>(Kind.class);
        body.choices()
                .forEach(
                        (code, choice) -> {
                            Kind kind =
                                    Kind.ofCode(code)
                                            .filter(k -> Kind.notices().contains(k))
                                            .orElseThrow(
                                                    () ->
                                                            new ProblemException(
                                                                    HttpStatus.BAD_REQUEST,
                                                                    "unknown-notification-kind",
                                                                    String.valueOf(code)));
                            wanted.put(kind, allowed(kind, choice));
                        });
        preferences.set(caller.subject(), wanted);
        return view(preferences.of(caller.subject()));
    }

    @Operation(
            summary = "Set the caller's choice of one kind",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "the kind's choice, after the change"),
                @ApiResponse(
                        responseCode = "400",
                        description = "an unknown choice",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "404",
                        description = "an unknown kind",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "422",
                        description = "an essential kind set to other than immediately",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @PutMapping(PATH + "/{kind}")
    KindPreference setOne(
            @Parameter(description = "the kind's code, e.g. report-published") @PathVariable
                    String kind,
            @Valid @RequestBody ChoiceBody body,
            Caller caller) {
        Kind known =
                Kind.ofCode(kind)
                        .filter(k -> Kind.notices().contains(k))
                        .orElseThrow(() -> ProblemException.notFound("notification kind", kind));
        Choice choice = allowed(known, body.choice());
        preferences.set(caller.subject(), Map.of(known, choice));
        return KindPreference.of(known, preferences.choice(caller.subject(), known));
    }

    private static Choice allowed(Kind kind, String code) {
        Choice choice =
                Choice.ofCode(code)
                        .orElseThrow(
                                () ->
                                        new ProblemException(
                                                HttpStatus.BAD_REQUEST,
                                                "invalid-notification-choice",
                                                String.valueOf(code),
                                                kind.code()));
        if (!Choice.allowedFor(kind).contains(choice)) {
            throw ProblemException.unprocessable(
                    "essential-notification-kind", kind.code(), choice.code());
        }
        return choice;
    }

    private PreferencesView view(Map<Kind, Choice> choices) {
        return new PreferencesView(
                choices.entrySet().stream()
                        .map(e -> KindPreference.of(e.getKey(), e.getValue()))
                        .toList(),
                new Schedule(
                        String.format(Locale.ROOT, "%02d:00", digests.hour()),
                        digests.weeklyDay().name().toLowerCase(Locale.ROOT),
                        "UTC",
                        digests.burstWindow().toString()));
    }

    /** {@code {"choices": {"report-published": "daily", "call-deadline": "off"}}} */
    record ChoicesBody(
            @NotEmpty
                    @Schema(
                            description = "choice by kind code",
                            example =
                                    "{\"report-published\": \"daily\", \"call-deadline\": \"off\"}")
                    Map<String, String> choices) {}

    /** {@code {"choice": "weekly"}} */
    record ChoiceBody(
            @NotNull @Schema(allowableValues = {"immediately", "daily", "weekly", "off"})
                    String choice) {}

    /**
     * @param kinds every kind, in order
     * @param digests when the digests go out
     */
    record PreferencesView(List<KindPreference> kinds, Schedule digests) {}

    /**
     * @param dailyAt the hour of the daily digests (and of the weekly ones), e.g. {@code 07:00}
     * @param weeklyOn the day of the weekly digests, e.g. {@code monday}
     * @param zone always {@code UTC}
     * @param burstWindow how long notices of one kind are gathered before they go out as one e-mail
     *     (ISO-8601)
     */
    record Schedule(String dailyAt, String weeklyOn, String zone, String burstWindow) {}

    /**
     * @param essential an essential kind allows {@code immediately} only
     * @param allowed the choices the kind allows
     */
    record KindPreference(String kind, boolean essential, String choice, List<String> allowed) {

        static KindPreference of(Kind kind, Choice choice) {
            return new KindPreference(
                    kind.code(),
                    kind.essential(),
                    choice.code(),
                    Choice.allowedFor(kind).stream().map(Choice::code).toList());
        }
    }
}
