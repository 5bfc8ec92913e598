package coop.cluster.fundingwatch.match;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.search.BilingualText;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns calls and labels into the stemmed terms matching compares, with the English and French
 * analysis of the search index ({@link BilingualText}): a label is found in a call when its terms
 * are among the call's, in either language. A call's text is cut into words once; each distinct
 * word's stems come from a bounded cache, since calls share most of their words. Thread-safe.
 */
final class TextAnalysis implements Closeable {

    /**
     * Only the start of a long description is read: what a call is about is said early, and
     * analysing 100,000 characters per call would cost more than the rest of matching.
     */
    static final int DESCRIPTION_READ = 6_000;

    /** Words of a sector's title that tell nothing of the sector. */
    private static final Set<String> UNTELLING =
            Set.of(
                    "activities",
                    "activity",
                    "manufacture",
                    "manufacturing",
                    "products",
                    "product",
                    "services",
                    "service",
                    "other",
                    "except",
                    "support",
                    "supply",
                    "related",
                    "production",
                    "preparations",
                    "equipment",
                    "activités",
                    "activité",
                    "autres",
                    "industrie",
                    "soutien");

    private final BilingualText text = new BilingualText(Map.of("label", 1f));
    private final Cache<String, Stems> stems = Caffeine.newBuilder().maximumSize(200_000).build();

    /** A word's terms in each language; empty for a stop word. */
    record Stems(List<String> en, List<String> fr) {}

    /**
     * A call as matching reads it: its prominent and all its terms, per language, and its
     * conditions.
     */
    record CallText(
            String callId,
            Set<String> prominentEn,
            Set<String> prominentFr,
            Set<String> anyEn,
            Set<String> anyFr,
            String programme,
            String kind,
            Set<String> eligiblePlaces) {}

    /**
     * A call's words as read, lower case, not yet stemmed: its title, call title, keywords and
     * tags; its description.
     */
    record CallWords(List<String> prominent, List<String> described) {}

    CallText call(String callId, FundingCall call) {
        CallWords words = words(call);
        Set<String> prominentEn = new HashSet<>();
        Set<String> prominentFr = new HashSet<>();
        stem(words.prominent(), prominentEn, prominentFr);
        Set<String> anyEn = new HashSet<>(prominentEn);
        Set<String> anyFr = new HashSet<>(prominentFr);
        stem(words.described(), anyEn, anyFr);
        return new CallText(
                callId,
                prominentEn,
                prominentFr,
                anyEn,
                anyFr,
                programme(call),
                call.kind().name(),
                Set.copyOf(call.eligibleCountries()));
    }

    /**
     * The call's conditions, without its terms (empty sets): for one who reads its {@link #words}
     * itself, as the index does.
     */
    CallText conditions(String callId, FundingCall call) {
        return new CallText(
                callId,
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                programme(call),
                call.kind().name(),
                Set.copyOf(call.eligibleCountries()));
    }

    private static String programme(FundingCall call) {
        return call.programme() == null ? null : call.programme().strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The words matching reads: only the first {@value #DESCRIPTION_READ} characters of the
     * description.
     */
    CallWords words(FundingCall call) {
        List<String> prominent = new ArrayList<>();
        words(call.title(), prominent);
        words(call.callTitle(), prominent);
        call.keywords().forEach(k -> words(k, prominent));
        call.tags().forEach(t -> words(t, prominent));
        String description = call.description();
        if (description.length() > DESCRIPTION_READ) {
            description = description.substring(0, DESCRIPTION_READ);
        }
        List<String> described = new ArrayList<>();
        words(description, described);
        return new CallWords(prominent, described);
    }

    private void stem(List<String> words, Set<String> en, Set<String> fr) {
        for (String word : new HashSet<>(words)) {
            Stems s = stems(word);
            en.addAll(s.en());
            fr.addAll(s.fr());
        }
    }

    Stems stems(String word) {
        return stems.get(word, w -> new Stems(text.englishTerms(w), text.frenchTerms(w)));
    }

    /** The lower-cased words of {@code value}, added to {@code into}. */
    private void words(String value, List<String> into) {
        into.addAll(text.words(value));
    }

    /**
     * What is looked for in calls: a label's terms per language (all must be found in one
     * language), or, for a label found word by word, one such phrase per telling word.
     *
     * @param word the label's word this phrase stands for (a sector's), or null for a whole label
     * @param key the phrase's identity in the index: its terms, not the word it came from
     */
    record Phrase(List<String> en, List<String> fr, String word, String key) {

        static Phrase of(List<String> en, List<String> fr, String word) {
            return new Phrase(en, fr, word, String.join(" ", en) + '|' + String.join(" ", fr));
        }

        boolean isEmpty() {
            return en.isEmpty() && fr.isEmpty();
        }
    }

    /** A label of a target and what is looked for. */
    record AnalysedFacet(Target.Facet facet, Phrase phrase) {}

    /**
     * A target with its labels analysed once, when it is indexed; a label (kind and phrase) counts
     * once.
     */
    record AnalysedTarget(Target target, List<AnalysedFacet> facets) {}

    AnalysedTarget target(Target target) {
        List<AnalysedFacet> facets = new ArrayList<>(target.facets().size());
        Set<String> seen = new HashSet<>();
        for (Target.Facet facet : target.facets()) {
            for (Phrase phrase : phrases(facet)) {
                if (!phrase.isEmpty() && seen.add(facet.kind().name() + ':' + phrase.key())) {
                    facets.add(new AnalysedFacet(facet, phrase));
                }
            }
        }
        return new AnalysedTarget(target, facets);
    }

    private List<Phrase> phrases(Target.Facet facet) {
        if (!facet.kind().perWord) {
            return List.of(
                    Phrase.of(
                            distinct(text.englishTerms(facet.label())),
                            distinct(text.frenchTerms(facet.label())),
                            null));
        }
        List<Phrase> phrases = new ArrayList<>();
        for (String word : facet.label().split("[^\\p{L}\\p{N}]+")) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.length() >= 3 && !UNTELLING.contains(lower)) {
                phrases.add(
                        Phrase.of(
                                distinct(text.englishTerms(word)),
                                distinct(text.frenchTerms(word)),
                                lower));
            }
        }
        return phrases;
    }

    private static List<String> distinct(List<String> terms) {
        return List.copyOf(new LinkedHashSet<>(terms));
    }

    @Override
    public void close() {
        text.close();
    }
}
