package coop.cluster.notification.preference;

import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.preference.persistence.PreferenceStore;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Each person's choice per kind of e-mail ({@link Choice}), in {@link PreferenceStore}: ONE
 * document per person, {@code choices: {<kind code>: <choice code>}}. Every change is one write of
 * that document ({@code $set} of the kinds changed), so a change of several kinds is all or nothing
 * without a transaction. A kind never chosen is its {@link Choice#defaultFor default} ({@link
 * Choice#IMMEDIATELY} but for the new exchange events, weekly); {@code emailOff} (the kinds turned
 * off by the one-click links before choices existed) still reads as {@link Choice#OFF} for a kind
 * with no choice. Essential kinds are always {@link Choice#IMMEDIATELY}, whatever the document
 * says.
 */
@Component
public class Preferences {

    private final PreferenceStore store;

    Preferences(PreferenceStore store) {
        this.store = store;
    }

    /** The person's choice for one kind. */
    public Choice choice(String personId, Kind kind) {
        if (kind.essential()) {
            return Choice.IMMEDIATELY;
        }
        return choice(store.find(personId).orElse(null), kind);
    }

    /**
     * The choices of these people for {@code kind}, in one read (none for an essential kind: always
     * {@link Choice#IMMEDIATELY}).
     */
    public Map<String, Choice> choices(Collection<String> personIds, Kind kind) {
        Map<String, Choice> choices = new HashMap<>();
        if (kind.essential() || personIds.isEmpty()) {
            personIds.forEach(id -> choices.put(id, Choice.IMMEDIATELY));
            return choices;
        }
        Map<String, PreferenceStore.Stored> stored = store.findAll(personIds);
        personIds.forEach(id -> choices.put(id, choice(stored.get(id), kind)));
        return choices;
    }

    /** The person's choice for every kind a person can hear of, in the kinds' order. */
    public Map<Kind, Choice> of(String personId) {
        PreferenceStore.Stored stored = store.find(personId).orElse(null);
        Map<Kind, Choice> all = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.notices()) {
            all.put(kind, kind.essential() ? Choice.IMMEDIATELY : choice(stored, kind));
        }
        return all;
    }

    /**
     * Sets the person's choices of the kinds given (the others keep theirs), in one write.
     *
     * @throws IllegalArgumentException if a kind does not allow its choice ({@link
     *     Choice#allowedFor}): the caller validates first
     */
    public void set(String personId, Map<Kind, Choice> choices) {
        if (choices.isEmpty()) {
            return;
        }
        Map<String, String> codes = new LinkedHashMap<>();
        choices.forEach(
                (kind, choice) -> {
                    if (!Choice.allowedFor(kind).contains(choice)) {
                        throw new IllegalArgumentException(
                                kind.code() + " cannot be " + choice.code());
                    }
                    codes.put(kind.code(), choice.code());
                });
        store.set(personId, codes);
    }

    /**
     * Turns e-mail of {@code kind} off for the person (again: no change). Essential kinds cannot
     * be.
     */
    public boolean turnOff(String personId, Kind kind) {
        if (kind.essential()) {
            return false;
        }
        set(personId, Map.of(kind, Choice.OFF));
        return true;
    }

    private static Choice choice(PreferenceStore.Stored stored, Kind kind) {
        Choice unchosen = Choice.defaultFor(kind);
        if (stored == null) {
            return unchosen;
        }
        String chosen = stored.choices().get(kind.code());
        if (chosen != null) {
            return Choice.ofCode(chosen).orElse(unchosen);
        }
        return stored.emailOff().contains(kind.code()) ? Choice.OFF : unchosen;
    }
}
