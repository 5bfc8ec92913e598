package coop.cluster.notification.audience;

import coop.cluster.notification.audience.persistence.AudienceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@code people} collection ({@link AudienceStore}) kept in memory, by organisation, so that a
 * burst of matches (twenty per call, a call every few milliseconds) does not read the store once
 * per match to find whom to tell. It follows the store:
 *
 * <ul>
 *   <li>this instance's writes at once: while one is in flight the view does not answer ({@link
 *       #peopleOf} is empty, the caller reads the store), and the person is read back once written;
 *   <li>every instance's writes by a poll of {@code updatedAt}, every {@code
 *       cluster.notifications.people-view.poll-interval} (1 s), from {@code overlap} (5 s) before
 *       the latest change read, so a write committed a little after the time it was stamped with is
 *       still found.
 * </ul>
 *
 * Until its first read of the store has succeeded it does not answer either. A person is kept as
 * the newest version read ({@code updatedAt}), so a poll that read a person just before this
 * instance changed them never brings the old version back.
 */
@Component
class PeopleView {

    private static final Logger log = LoggerFactory.getLogger(PeopleView.class);

    private record Entry(Person person, Instant updatedAt) {}

    private final AudienceStore store;
    private final Duration overlap;
    private final Map<String, Entry> byId = new HashMap<>();
    private final Map<String, Set<String>> byMember = new HashMap<>();
    private final AtomicInteger writing = new AtomicInteger();

    /** The newest {@code updatedAt} read; null until the first full read. */
    private volatile Instant followedUpTo;

    PeopleView(
            AudienceStore store,
            @Value("${cluster.notifications.people-view.overlap:PT5S}") Duration overlap) {
        this.store = store;
        this.overlap = overlap;
    }

    /**
     * The people of these organisations, from memory; empty when the view cannot answer (not read
     * yet, or a write of this instance in flight): then ask the store.
     */
    Optional<List<Person>> peopleOf(Collection<String> memberIds) {
        if (followedUpTo == null || writing.get() > 0) {
            return Optional.empty();
        }
        synchronized (this) {
            if (writing.get() > 0) {
                return Optional.empty();
            }
            List<Person> people = new ArrayList<>();
            for (String memberId : new LinkedHashSet<>(memberIds)) {
                for (String personId : byMember.getOrDefault(memberId, Set.of())) {
                    people.add(byId.get(personId).person());
                }
            }
            return Optional.of(people);
        }
    }

    /**
     * Runs {@code write}, a write of this instance to the person {@code personId}, with the view
     * answering nobody meanwhile; then reads the person back into the view.
     */
    <T> T writing(String personId, Supplier<T> write) {
        writing.incrementAndGet();
        try {
            T result = write.get();
            try {
                store.storedPerson(personId).ifPresent(this::put);
            } catch (RuntimeException outage) {
                log.debug(
                        "Person {} written but not read back; the next poll reads it: {}",
                        personId,
                        outage.toString());
            }
            return result;
        } finally {
            writing.decrementAndGet();
        }
    }

    /** Reads what changed since the last read (everything, the first time). */
    @Scheduled(
            initialDelay = 0,
            fixedDelayString = "${cluster.notifications.people-view.poll-interval:PT1S}")
    void follow() {
        Instant since = followedUpTo;
        List<AudienceStore.StoredPerson> changed;
        try {
            changed = store.changedSince(since == null ? null : since.minus(overlap));
        } catch (RuntimeException outage) {
            log.debug("The people view could not read the store: {}", outage.toString());
            return;
        }
        Instant newest = since == null ? Instant.EPOCH : since;
        for (AudienceStore.StoredPerson stored : changed) {
            put(stored);
            Instant at = stored.updatedAt();
            if (at != null && at.isAfter(newest)) {
                newest = at;
            }
        }
        if (since == null) {
            log.info("People view loaded: {} people", changed.size());
        }
        followedUpTo = newest;
    }

    private synchronized void put(AudienceStore.StoredPerson stored) {
        Person person = stored.person();
        Instant at = stored.updatedAt();
        Entry before = byId.get(person.id());
        if (before != null
                && before.updatedAt() != null
                && at != null
                && at.isBefore(before.updatedAt())) {
            return;
        }
        if (before != null && before.person().memberId() != null) {
            Set<String> old = byMember.get(before.person().memberId());
            if (old != null) {
                old.remove(person.id());
                if (old.isEmpty()) {
                    byMember.remove(before.person().memberId());
                }
            }
        }
        byId.put(person.id(), new Entry(person, at));
        if (person.memberId() != null) {
            byMember.computeIfAbsent(person.memberId(), m -> new LinkedHashSet<>())
                    .add(person.id());
        }
    }
}
