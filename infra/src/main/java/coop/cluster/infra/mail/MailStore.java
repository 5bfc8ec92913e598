package coop.cluster.infra.mail;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the catcher received, in memory only: a restart of the mail process starts empty (it is a
 * development tool; nothing real is ever delivered). One entry per SMTP transaction, however many
 * recipients it had, oldest first. The oldest go once there are more than {@code capacity} messages
 * or more than {@link #MAX_BYTES} of them: the catcher runs with a small heap, and a few large
 * attachments must not end it.
 */
final class MailStore {

    /**
     * One message as it came over SMTP.
     *
     * @param id 1, 2, 3 ... in arrival order, never reused (not even after a purge)
     * @param sender the envelope sender (MAIL FROM), empty for a bounce
     * @param recipients the envelope recipients (RCPT TO): To, Cc and Bcc alike, lower case
     * @param raw the RFC 822 source as received
     */
    record Caught(long id, String sender, List<String> recipients, Instant receivedAt, byte[] raw) {

        Caught {
            recipients = List.copyOf(recipients);
        }

        boolean isTo(String address) {
            return recipients.contains(normalise(address));
        }
    }

    static final long MAX_BYTES = 48L * 1024 * 1024;

    private final int capacity;
    private final long maxBytes;
    private final Deque<Caught> messages = new ArrayDeque<>();
    private long lastId;
    private long bytes;

    MailStore(int capacity) {
        this(capacity, MAX_BYTES);
    }

    MailStore(int capacity, long maxBytes) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    synchronized Caught add(
            String sender, List<String> recipients, Instant receivedAt, byte[] raw) {
        Caught caught =
                new Caught(
                        ++lastId,
                        sender,
                        recipients.stream().map(MailStore::normalise).distinct().toList(),
                        receivedAt,
                        raw);
        messages.addLast(caught);
        bytes += raw.length;
        // the newest message stays, whatever its size
        while (messages.size() > capacity || (bytes > maxBytes && messages.size() > 1)) {
            bytes -= messages.removeFirst().raw().length;
        }
        return caught;
    }

    /** Oldest first; every message when {@code to} is null. */
    synchronized List<Caught> list(String to) {
        return messages.stream().filter(m -> to == null || m.isTo(to)).toList();
    }

    synchronized Optional<Caught> find(long id) {
        return messages.stream().filter(m -> m.id() == id).findFirst();
    }

    /** Forgets every message; returns how many there were. */
    synchronized int purge() {
        int count = messages.size();
        messages.clear();
        bytes = 0;
        return count;
    }

    synchronized int size() {
        return messages.size();
    }

    static String normalise(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
