package coop.cluster.activity.meeting.domain;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Someone registered for a B2B session: their id, their organisation (two people of one
 * organisation may sit in one meeting), and the indexes of the session's slots they cannot meet in
 * (see {@link B2bSession#slotsDuring(TimeWindow)}).
 */
public record Participant(String id, String organisation, Set<Integer> unavailableSlots) {

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organisation, "organisation");
        unavailableSlots = Set.copyOf(new TreeSet<>(unavailableSlots));
    }

    /** A participant free for the whole session. */
    public static Participant available(String id, String organisation) {
        return new Participant(id, organisation, Set.of());
    }
}
