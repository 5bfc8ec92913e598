package coop.cluster.notification.calendar.web;

import coop.cluster.notification.calendar.CalendarFeed;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The personal calendar feed. The {@code .ics} URL is its own credential (no bearer token: calendar
 * apps cannot send one); the management endpoints are the caller's own, with their token, like the
 * inbox.
 */
@RestController
@Tag(name = "calendar", description = "The caller's personal calendar feed (iCalendar)")
class CalendarController {

    static final MediaType TEXT_CALENDAR =
            new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final CalendarFeed feed;

    CalendarController(CalendarFeed feed) {
        this.feed = feed;
    }

    @Operation(
            summary =
                    "The calendar of the person whose secret feed URL this is (no token: the URL is"
                        + " the credential); 304 when If-None-Match or If-Modified-Since says the"
                        + " app has it; unknown or rotated: 404",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "the VCALENDAR",
                        content =
                                @Content(
                                        mediaType = "text/calendar",
                                        schema = @Schema(type = "string"))),
                @ApiResponse(
                        responseCode = "304",
                        description = "not modified since the app's copy"),
                @ApiResponse(
                        responseCode = "404",
                        description = "unknown or rotated feed URL",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @SecurityRequirements
    @GetMapping(CalendarFeed.PATH + "/{token}.ics")
    ResponseEntity<byte[]> calendar(
            @Parameter(description = "the secret of the feed URL") @PathVariable String token,
            HttpServletRequest request) {
        CalendarFeed.Rendered calendar =
                feed.open(token)
                        .orElseThrow(
                                () ->
                                        new ProblemException(
                                                HttpStatus.NOT_FOUND, "unknown-calendar-feed"));
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(calendar.etag());
        boolean dated = calendar.lastModified().isAfter(Instant.EPOCH);
        if (dated) {
            headers.setLastModified(calendar.lastModified().truncatedTo(ChronoUnit.SECONDS));
        }
        // the URL is a secret: no shared cache may keep the answer; the app revalidates with the
        // ETag
        headers.setCacheControl(CacheControl.noCache().cachePrivate());
        headers.set("Referrer-Policy", "no-referrer");
        if (notModified(request, calendar, dated)) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        headers.setContentType(TEXT_CALENDAR);
        headers.set(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"cluster.ics\"");
        return new ResponseEntity<>(
                calendar.body().getBytes(StandardCharsets.UTF_8), headers, HttpStatus.OK);
    }

    /** If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2). */
    private static boolean notModified(
            HttpServletRequest request, CalendarFeed.Rendered calendar, boolean dated) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return ifNoneMatch.trim().equals("*")
                    || Arrays.stream(ifNoneMatch.split(","))
                            .map(String::trim)
                            .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                            .anyMatch(calendar.etag()::equals);
        }
        String ifModifiedSince = request.getHeader(HttpHeaders.IF_MODIFIED_SINCE);
        if (ifModifiedSince == null || !dated) {
            return false;
        }
        try {
            Instant since =
                    ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .withZoneSameInstant(ZoneOffset.UTC)
                            .toInstant();
            return !calendar.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    @Operation(
            summary =
                    "The caller's feed: made on the first call, whose answer is the only one"
                        + " holding its URL (only the URL's hash is kept); a lost URL is replaced"
                        + " by a rotation")
    @GetMapping(CalendarFeed.PATH)
    FeedView feed(Caller caller) {
        return FeedView.of(feed.feedOf(caller.subject()));
    }

    @Operation(summary = "A new feed URL for the caller; the old one stops working at once (404)")
    @PostMapping(CalendarFeed.PATH + "/rotation")
    FeedView rotate(Caller caller) {
        return FeedView.of(feed.rotate(caller.subject()));
    }

    /**
     * @param url the secret feed URL, when it was made by this request; null afterwards
     * @param issuedAt when the current URL was made
     */
    record FeedView(String url, Instant issuedAt, int rotations) {

        static FeedView of(CalendarFeed.Issued issued) {
            return new FeedView(issued.url(), issued.issuedAt(), issued.rotations());
        }
    }
}
