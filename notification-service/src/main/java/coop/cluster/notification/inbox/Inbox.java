package coop.cluster.notification.inbox;

import coop.cluster.notification.inbox.persistence.InboxStore;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Rendered;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The in-app inbox ({@link InboxStore}, collection {@code inbox}): one entry per notification and
 * person, whose id is derived from the event id and the person ({@code
 * IdempotentEffects.effectId}), so a redelivered event adds nothing (the insert is refused by the
 * unique {@code _id}). Every read and write is scoped by {@code personId}: a person only ever sees
 * and marks their own.
 */
@Component
public class Inbox {

    private final InboxStore store;

    Inbox(InboxStore store) {
        this.store = store;
    }

    /**
     * An entry to add: the notice as written for the person ({@code text}'s subject and summary).
     */
    public record NewEntry(
            String id,
            String eventId,
            String personId,
            Kind kind,
            Rendered text,
            String link,
            Instant at) {}

    /**
     * @return false if this entry exists already (the event was handled before)
     */
    public boolean add(
            String id,
            String eventId,
            String personId,
            Kind kind,
            Rendered text,
            String link,
            Instant at) {
        return store.insert(new NewEntry(id, eventId, personId, kind, text, link, at));
    }

    /**
     * Adds many entries in one unordered bulk insert; one that exists already (its event was
     * handled before) is refused alone.
     *
     * @return the ids of the entries added now
     */
    public Set<String> addAll(List<NewEntry> entries) {
        return store.insertAll(entries);
    }

    public record Entry(
            String id,
            String kind,
            String title,
            String text,
            String link,
            Instant createdAt,
            Instant readAt) {}

    public record Page(List<Entry> content, int page, int size, long totalElements) {}

    public Page list(String personId, Boolean unread, int page, int size) {
        return store.list(personId, unread, page, size);
    }

    public long unread(String personId) {
        return store.unread(personId);
    }

    /**
     * Marks one of the person's own entries read (again: no change). @return empty if they have no
     * such entry
     */
    public Optional<Entry> markRead(String personId, String id, Instant at) {
        return store.markRead(personId, id, at);
    }

    /**
     * @return how many entries were unread and are read now
     */
    public long markAllRead(String personId, Instant at) {
        return store.markAllRead(personId, at);
    }
}
