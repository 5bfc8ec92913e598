package coop.cluster.notification.calendar;

import coop.cluster.notification.audience.Directory;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.notify.NotificationSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the feed URL answers: the calendar of the person whose token it is, rendered from the view
 * as it stands, with a strong ETag (the body's hash: the rendering is deterministic) and the last
 * change of its items.
 */
@Component
public class CalendarFeed {

    public static final String PATH = "/api/notifications/calendar";

    private final CalendarFeeds feeds;
    private final CalendarItems items;
    private final Directory directory;
    private final NotificationSettings settings;
    private final CalendarRenderer renderer;

    CalendarFeed(
            CalendarFeeds feeds,
            CalendarItems items,
            Directory directory,
            NotificationSettings settings) {
        this.feeds = feeds;
        this.items = items;
        this.directory = directory;
        this.settings = settings;
        this.renderer = new CalendarRenderer(settings);
    }

    /** A rendered calendar: the body, its ETag (quoted) and when its newest item changed. */
    public record Rendered(String body, String etag, Instant lastModified) {}

    /** The calendar the token opens; empty for an unknown or rotated token. */
    public Optional<Rendered> open(String token) {
        return feeds.personOf(token).map(this::calendarOf);
    }

    Rendered calendarOf(String personId) {
        Person person =
                directory
                        .person(personId)
                        .orElseGet(() -> new Person(personId, null, null, null, null, null, null));
        boolean delegate =
                person.roles().contains("delegate")
                        || directory.delegates().stream().anyMatch(p -> p.id().equals(personId));
        List<DatedItem> dated = items.of(person, delegate);
        String body = renderer.render(person, dated);
        Instant lastModified =
                dated.stream()
                        .map(DatedItem::updatedAt)
                        .max(Instant::compareTo)
                        .orElse(Instant.EPOCH);
        return new Rendered(body, "\"" + sha256(body).substring(0, 32) + "\"", lastModified);
    }

    /** The person's feed; its URL only when made now (the first call). */
    public Issued feedOf(String personId) {
        return issued(feeds.feedOf(personId));
    }

    /** A new URL for the person; the old one answers 404 from now on. */
    public Issued rotate(String personId) {
        return issued(feeds.rotate(personId));
    }

    /**
     * @param url the secret URL when it was made by this call, else null (only its hash is kept)
     */
    public record Issued(String url, Instant issuedAt, int rotations) {}

    private Issued issued(CalendarFeeds.Feed feed) {
        String url =
                feed.token() == null ? null : settings.apiLink(PATH + "/" + feed.token() + ".ics");
        return new Issued(url, feed.issuedAt(), feed.rotations());
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
