package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.match.PhraseDictionary.Entry;
import coop.cluster.fundingwatch.match.PhraseDictionary.Term;
import coop.cluster.fundingwatch.match.TextAnalysis.CallWords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A call read as a query of the {@link TargetIndex}: the phrases of the {@link PhraseDictionary} it
 * mentions, in the order found, each once, found prominently or in the description only; and where
 * each is, by its number.
 *
 * <p>Built by {@link #of}: the call's words are read (each word's terms come from the dictionary's
 * cache) and their terms marked by number; each phrase is looked for once per language, through its
 * anchor, in that language only, by its terms' numbers; where it is found is then as {@link
 * Scorer#look} says, both languages counting.
 */
final class PhraseQuery {

    Entry[] entries = new Entry[64];
    boolean[] prominent = new boolean[64];
    int size;
    private final Marks where;

    private PhraseQuery(Marks where) {
        this.where = where;
    }

    /**
     * The phrases in the call, read with a matching thread's marks ({@link Marks#clear cleared}
     * after).
     */
    static PhraseQuery of(
            PhraseDictionary dictionary, CallWords call, Marks en, Marks fr, Marks found) {
        List<Term> anchorsEn = new ArrayList<>();
        List<Term> anchorsFr = new ArrayList<>();
        for (String word : call.prominent()) {
            mark(dictionary.termsOf(word), 2, en, fr, anchorsEn, anchorsFr);
        }
        for (String word : call.described()) {
            mark(dictionary.termsOf(word), 1, en, fr, anchorsEn, anchorsFr);
        }
        PhraseQuery query = new PhraseQuery(found);
        query.look(anchorsEn, en, en, fr, false);
        query.look(anchorsFr, fr, en, fr, true);
        return query;
    }

    /**
     * Where the phrase numbered {@code id} is: TRUE prominently, FALSE in the description only, or
     * null.
     */
    Boolean where(int id) {
        int at = where.get(id);
        return at == 0 ? null : at == 2;
    }

    private boolean has(Entry entry) {
        return where.get(entry.id) != 0;
    }

    private void add(Entry entry, boolean isProminent) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
            prominent = Arrays.copyOf(prominent, size * 2);
        }
        entries[size] = entry;
        prominent[size++] = isProminent;
        where.mark(entry.id, isProminent ? 2 : 1);
    }

    /**
     * Marks the word's terms; those that anchor phrases, the first time, go to the anchors to look
     * through.
     */
    private static void mark(
            PhraseDictionary.WordTerms terms,
            int where,
            Marks en,
            Marks fr,
            List<Term> anchorsEn,
            List<Term> anchorsFr) {
        for (Term term : terms.en()) {
            if (en.mark(term.id, where) && term.anchored.length > 0) {
                anchorsEn.add(term);
            }
        }
        for (Term term : terms.fr()) {
            if (fr.mark(term.id, where) && term.anchored.length > 0) {
                anchorsFr.add(term);
            }
        }
    }

    private void look(List<Term> anchors, Marks marks, Marks en, Marks fr, boolean french) {
        for (Term anchor : anchors) {
            for (Entry entry : anchor.anchored) {
                // each phrase has one anchor per language: only the second language may find it
                // again
                if (marks.all(french ? entry.fr : entry.en, 1) && !has(entry)) {
                    add(entry, en.all(entry.en, 2) || fr.all(entry.fr, 2));
                }
            }
        }
    }

    /**
     * The call's terms of one language, or the phrases found, by the number the dictionary gave
     * them: 2 prominent, 1 in the description only, 0 not in the call.
     */
    static final class Marks {
        private byte[] marks = new byte[1_024];
        private int[] set = new int[256];
        private int size;

        /** Marks {@code term} at least {@code where}; whether it was not marked before. */
        boolean mark(int term, int where) {
            if (term >= marks.length) {
                marks = Arrays.copyOf(marks, Math.max(term + 1, marks.length * 2));
            }
            boolean first = marks[term] == 0;
            if (first) {
                if (size == set.length) {
                    set = Arrays.copyOf(set, size * 2);
                }
                set[size++] = term;
            }
            marks[term] = (byte) Math.max(marks[term], where);
            return first;
        }

        int get(int id) {
            return id < marks.length ? marks[id] : 0;
        }

        /** Whether every one of {@code terms} is marked at least {@code least}; false for none. */
        boolean all(int[] terms, int least) {
            if (terms.length == 0) {
                return false;
            }
            byte[] m = marks;
            for (int term : terms) {
                if (term >= m.length || m[term] < least) {
                    return false;
                }
            }
            return true;
        }

        void clear() {
            for (int i = 0; i < size; i++) {
                marks[set[i]] = 0;
            }
            size = 0;
        }
    }
}
