package coop.cluster.notification.inbox.web;

import coop.cluster.notification.inbox.Inbox;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own in-app inbox. Whose inbox is never a parameter: it is the token's subject, so
 * nobody can read or mark another person's notifications (another person's id answers 404, as if it
 * did not exist).
 */
@RestController
@Validated
@Tag(name = "inbox", description = "The caller's own notifications")
class InboxController {

    private static final String ID = "[0-9a-f-]{36}";

    private final Inbox inbox;
    private final Clock clock;

    InboxController(Inbox inbox, Clock clock) {
        this.inbox = inbox;
        this.clock = clock;
    }

    @Operation(
            summary =
                    "The caller's notifications, newest first; unread=true for the unread ones"
                            + " only")
    @GetMapping("/api/notifications")
    PageView list(
            @RequestParam(required = false) Boolean unread,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        Inbox.Page found = inbox.list(caller.subject(), unread, page, size);
        return new PageView(
                found.content().stream().map(NotificationView::of).toList(),
                found.page(),
                found.size(),
                found.totalElements(),
                (found.totalElements() + size - 1) / size);
    }

    @Operation(summary = "How many of the caller's notifications are unread")
    @GetMapping("/api/notifications/unread-count")
    UnreadCount unreadCount(Caller caller) {
        return new UnreadCount(inbox.unread(caller.subject()));
    }

    @Operation(summary = "Mark one of the caller's notifications read (again: no change)")
    @PostMapping("/api/notifications/{id}/read")
    NotificationView read(@PathVariable @Pattern(regexp = ID) String id, Caller caller) {
        return inbox.markRead(caller.subject(), id, clock.instant())
                .map(NotificationView::of)
                .orElseThrow(() -> ProblemException.notFound("notification", id));
    }

    @Operation(summary = "Mark every one of the caller's notifications read")
    @PostMapping("/api/notifications/read-all")
    Marked readAll(Caller caller) {
        return new Marked(inbox.markAllRead(caller.subject(), clock.instant()));
    }

    /** One notification as the console shows it. */
    record NotificationView(
            String id,
            String kind,
            String title,
            String text,
            String link,
            Instant createdAt,
            boolean read,
            Instant readAt) {

        static NotificationView of(Inbox.Entry e) {
            return new NotificationView(
                    e.id(),
                    e.kind(),
                    e.title(),
                    e.text(),
                    e.link(),
                    e.createdAt(),
                    e.readAt() != null,
                    e.readAt());
        }
    }

    record PageView(
            List<NotificationView> content,
            int page,
            int size,
            long totalElements,
            long totalPages) {}

    record UnreadCount(long unread) {}

    record Marked(long marked) {}
}
