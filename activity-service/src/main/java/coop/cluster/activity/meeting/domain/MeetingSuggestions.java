package coop.cluster.activity.meeting.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whom to meet: the other participants ranked by the words my seeks share with their offers, plus
 * the words my offers share with their seeks. Words are lower-cased, without accents, of three
 * letters or more, without the commonest French and English words; a word counts once per side. A
 * participant of my own organisation, or sharing no word, is not suggested. Plain Java: a board has
 * at most a few thousand short profiles.
 */
public final class MeetingSuggestions {

    private static final Set<String> COMMON =
            Set.of(
                    "the", "and", "for", "with", "our", "your", "from", "that", "this", "are",
                    "des", "les", "une", "pour", "avec", "dans", "sur", "par", "nos", "vos", "aux",
                    "est", "qui", "que", "del", "van", "het", "een");

    private MeetingSuggestions() {}

    /** A suggested participant, its score and the words that matched. */
    public record Suggestion(BoardParticipant participant, int score, List<String> because) {}

    /** Up to {@code limit} suggestions for {@code me} among {@code others}, best first. */
    public static List<Suggestion> rank(
            BoardParticipant me, List<BoardParticipant> others, int limit) {
        Set<String> seeks = words(me.seeks());
        Set<String> offers = words(me.offers());
        List<Suggestion> ranked = new ArrayList<>();
        for (BoardParticipant other : others) {
            if (other.personId().equals(me.personId()) || other.memberId().equals(me.memberId())) {
                continue;
            }
            Set<String> because = new TreeSet<>(seeks);
            because.retainAll(words(other.offers()));
            Set<String> reverse = new TreeSet<>(offers);
            reverse.retainAll(words(other.seeks()));
            int score = because.size() + reverse.size();
            if (score > 0) {
                because.addAll(reverse);
                ranked.add(new Suggestion(other, score, List.copyOf(because)));
            }
        }
        ranked.sort(
                Comparator.comparingInt(Suggestion::score)
                        .reversed()
                        .thenComparing(s -> s.participant().personId()));
        return ranked.subList(0, Math.min(limit, ranked.size()));
    }

    /** The words of {@code text} that count. */
    static Set<String> words(String text) {
        Set<String> words = new TreeSet<>();
        if (text == null) {
            return words;
        }
        String plain =
                Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                        .replaceAll("\\p{M}+", "");
        for (String word : plain.split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 3 && !COMMON.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }
}
