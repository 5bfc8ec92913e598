package coop.cluster.fundingwatch.match;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Posting lists: per key, the slots of the targets that have it ({@link TargetIndex}); each list is
 * replaced whole, never changed, so a reader sees a list as it was before or after a write.
 */
final class Postings<K> {

    static final int[] NONE = {};

    private final Map<K, int[]> lists = new ConcurrentHashMap<>();

    int[] of(K key) {
        return lists.getOrDefault(key, NONE);
    }

    void put(K key, int[] slots) {
        if (slots.length == 0) {
            lists.remove(key);
        } else {
            lists.put(key, slots);
        }
    }

    /** A change to posting lists: a key and a slot. */
    @FunctionalInterface
    interface Change<K> {
        void accept(K key, int slot);
    }

    /**
     * The changes of one write to posting lists: per key, whether each slot changed ends in it (the
     * last says).
     */
    static final class Changes<K> {
        private final Map<K, Map<Integer, Boolean>> changes = new HashMap<>();

        void remove(K key, int slot) {
            changes.computeIfAbsent(key, k -> new HashMap<>()).put(slot, false);
        }

        void add(K key, int slot) {
            changes.computeIfAbsent(key, k -> new HashMap<>()).put(slot, true);
        }

        /** Each list changed is replaced by a new one. */
        void applyTo(Function<K, int[]> lists, BiConsumer<K, int[]> replace) {
            changes.forEach(
                    (key, slots) -> {
                        Set<Integer> now = new LinkedHashSet<>();
                        for (int slot : lists.apply(key)) {
                            now.add(slot);
                        }
                        slots.forEach(
                                (slot, in) -> {
                                    if (in) {
                                        now.add(slot);
                                    } else {
                                        now.remove(slot);
                                    }
                                });
                        replace.accept(key, now.stream().mapToInt(Integer::intValue).toArray());
                    });
        }
    }
}
