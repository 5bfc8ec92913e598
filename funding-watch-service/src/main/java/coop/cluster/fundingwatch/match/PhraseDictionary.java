package coop.cluster.fundingwatch.match;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedFacet;
import coop.cluster.fundingwatch.match.TextAnalysis.AnalysedTarget;
import coop.cluster.fundingwatch.match.TextAnalysis.Phrase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The phrase dictionary of the {@link TargetIndex}: the distinct phrases of all labels, each known
 * once by a number ({@link Entry}), with its terms as numbers ({@link Term}) and under its rarest
 * term per language (its anchors), and how many labels use it; the sets of sector words members
 * have ({@link SectorSet}); and, for a word of a call, the terms some phrase has (cached). Written
 * under the index's lock, read concurrently: what a reader follows ({@link Term#anchored}, {@link
 * Entry#holders}, {@link Entry#sectorSets}, {@link SectorSet#members}) is replaced whole.
 */
final class PhraseDictionary {

    private static final Entry[] NO_ENTRIES = {};
    private static final SectorSet[] NO_SETS = {};
    private static final int FACET_KINDS = FacetKind.values().length;

    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
    private final Map<String, Term> termsEn = new ConcurrentHashMap<>();
    private final Map<String, Term> termsFr = new ConcurrentHashMap<>();

    /** Moves on whenever a term is first seen: a word's terms read before then may miss it. */
    private volatile int termsVersion;

    /** A word's terms that some phrase has, per language, as of {@link #termsVersion}. */
    private final Cache<String, WordTerms> words =
            Caffeine.newBuilder().maximumSize(200_000).build();

    private final TextAnalysis analysis;
    private int lastId;

    /** The sets of sector words members have, by their words' numbers. */
    private final Map<String, SectorSet> sectorSets = new HashMap<>();

    private int lastSectorSet;

    PhraseDictionary(TextAnalysis analysis) {
        this.analysis = analysis;
    }

    /** A word's terms that some phrase has, per language. */
    record WordTerms(int version, Term[] en, Term[] fr) {}

    /**
     * A term of some phrase in one language: its number, how many phrases have it, those it
     * anchors.
     */
    static final class Term {
        final int id;
        int uses;

        /** Replaced whole. */
        volatile Entry[] anchored = NO_ENTRIES;

        Term(int id) {
            this.id = id;
        }
    }

    /**
     * A distinct phrase: its number, its terms' numbers per language, its anchors, and who carries
     * it.
     */
    static final class Entry {
        final int id;
        final Phrase phrase;
        final int[] en;
        final int[] fr;
        final Term anchorEn;
        final Term anchorFr;
        int uses;

        /** Per kind of label, the slots of the targets that carry this phrase; replaced whole. */
        volatile int[][] holders = new int[FACET_KINDS][];

        /** The sets of sector words that have this phrase; replaced whole. */
        volatile SectorSet[] sectorSets = NO_SETS;

        Entry(int id, Phrase phrase, int[] en, int[] fr, Term anchorEn, Term anchorFr) {
            this.id = id;
            this.phrase = phrase;
            this.en = en;
            this.fr = fr;
            this.anchorEn = anchorEn;
            this.anchorFr = anchorFr;
            Arrays.fill(holders, Postings.NONE);
        }
    }

    /** A set of sector words, and the slots of the members that have exactly those. */
    static final class SectorSet {
        final int id;
        final String key;
        final Entry[] words;

        /** How many targets have it (written under the lock). */
        int uses;

        /** Replaced whole. */
        volatile int[] members = Postings.NONE;

        SectorSet(int id, String key, Entry[] words) {
            this.id = id;
            this.key = key;
            this.words = words;
        }
    }

    /**
     * Adds the phrases of {@code target}'s labels: each label's entry, in the order of its labels.
     */
    Entry[] add(AnalysedTarget target) {
        List<AnalysedFacet> facets = target.facets();
        Entry[] entries = new Entry[facets.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = add(facets.get(i).phrase());
        }
        return entries;
    }

    private Entry add(Phrase phrase) {
        Entry entry = byKey.get(phrase.key());
        if (entry == null) {
            Term[] en = terms(phrase.en(), termsEn);
            Term[] fr = terms(phrase.fr(), termsFr);
            entry = new Entry(++lastId, phrase, ids(en), ids(fr), rarest(en), rarest(fr));
            for (Term term : en) {
                term.uses++;
            }
            for (Term term : fr) {
                term.uses++;
            }
            if (entry.anchorEn != null) {
                entry.anchorEn.anchored = with(entry.anchorEn.anchored, entry);
            }
            if (entry.anchorFr != null) {
                entry.anchorFr.anchored = with(entry.anchorFr.anchored, entry);
            }
            byKey.put(phrase.key(), entry);
        }
        entry.uses++;
        return entry;
    }

    /** The phrases of a target no longer indexed: each is forgotten once no label uses it. */
    void remove(Entry[] gone) {
        for (Entry entry : gone) {
            if (--entry.uses > 0) {
                continue;
            }
            byKey.remove(entry.phrase.key());
            if (entry.anchorEn != null) {
                entry.anchorEn.anchored = without(entry.anchorEn.anchored, entry);
            }
            if (entry.anchorFr != null) {
                entry.anchorFr.anchored = without(entry.anchorFr.anchored, entry);
            }
            entry.phrase.en().forEach(t -> termsEn.get(t).uses--);
            entry.phrase.fr().forEach(t -> termsFr.get(t).uses--);
        }
    }

    /**
     * The set of these sector words (null for none), which one more target joins. Members with the
     * same sector words share one set: a call's sector words are summed per set, not per member.
     */
    SectorSet joinSectorSet(List<Entry> sectorWords) {
        if (sectorWords.isEmpty()) {
            return null;
        }
        List<Entry> sorted = new ArrayList<>(sectorWords);
        sorted.sort(Comparator.comparingInt(e -> e.id));
        StringBuilder key = new StringBuilder();
        sorted.forEach(e -> key.append(e.id).append(' '));
        SectorSet set = sectorSets.get(key.toString());
        if (set == null) {
            set = new SectorSet(++lastSectorSet, key.toString(), sorted.toArray(Entry[]::new));
            sectorSets.put(set.key, set);
            for (Entry word : set.words) {
                word.sectorSets = with(word.sectorSets, set);
            }
        }
        set.uses++;
        return set;
    }

    /** One target fewer has this set (null for none); it is forgotten once none has it. */
    void leaveSectorSet(SectorSet set) {
        if (set != null && --set.uses == 0) {
            sectorSets.remove(set.key);
            for (Entry word : set.words) {
                word.sectorSets = without(word.sectorSets, set);
            }
        }
    }

    /** The terms, numbered when first seen; a term keeps its number, even once no phrase has it. */
    private Term[] terms(List<String> words, Map<String, Term> terms) {
        Term[] found = new Term[words.size()];
        for (int i = 0; i < found.length; i++) {
            Term term = terms.get(words.get(i));
            if (term == null) {
                term = new Term(terms.size());
                terms.put(words.get(i), term);
                termsVersion++; // under the index's lock
            }
            found[i] = term;
        }
        return found;
    }

    /**
     * The terms of a call's word that some phrase has, per language (from a cache, read again once
     * a term is new).
     */
    WordTerms termsOf(String word) {
        WordTerms known = words.getIfPresent(word);
        int version = termsVersion;
        if (known != null && known.version() == version) {
            return known;
        }
        TextAnalysis.Stems stems = analysis.stems(word);
        known = new WordTerms(version, known(stems.en(), termsEn), known(stems.fr(), termsFr));
        words.put(word, known);
        return known;
    }

    private static Term[] known(List<String> stems, Map<String, Term> terms) {
        List<Term> known = new ArrayList<>(stems.size());
        for (String stem : stems) {
            Term term = terms.get(stem);
            if (term != null) {
                known.add(term);
            }
        }
        return known.toArray(Term[]::new);
    }

    private static int[] ids(Term[] terms) {
        int[] ids = new int[terms.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = terms[i].id;
        }
        return ids;
    }

    /** The term fewest phrases have (the first of those), or null for none. */
    private static Term rarest(Term[] terms) {
        Term rarest = null;
        for (Term term : terms) {
            if (rarest == null || term.uses < rarest.uses) {
                rarest = term;
            }
        }
        return rarest;
    }

    private static <T> T[] with(T[] all, T one) {
        T[] more = Arrays.copyOf(all, all.length + 1);
        more[all.length] = one;
        return more;
    }

    private static <T> T[] without(T[] all, T one) {
        T[] fewer = Arrays.copyOf(all, all.length - 1);
        int n = 0;
        for (T t : all) {
            if (t != one) {
                fewer[n++] = t;
            }
        }
        return fewer;
    }
}
