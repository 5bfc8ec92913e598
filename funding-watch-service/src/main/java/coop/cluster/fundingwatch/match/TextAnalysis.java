package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.plumbing.text.BilingualText;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns calls and targets into the stemmed terms matching compares, with the same English and French analysis the
 * index uses ({@link BilingualText}): a label is found in a call when its terms are among the call's, in either
 * language. Thread-safe.
 */
final class TextAnalysis implements Closeable {

    /** Index fields: every facet label of a target (text, both variants). */
    static final String FACETS = "facets";

    /**
     * Only the start of a long description is read: what a call is about is said early, and analysing 100,000
     * characters per call would cost more than the rest of matching.
     */
    static final int DESCRIPTION_READ = 6_000;

    /** Words of a sector's title that tell nothing of the sector. */
    private static final Set<String> UNTELLING = Set.of("activities", "activity", "manufacture", "manufacturing",
            "products", "product", "services", "service", "other", "except", "support", "supply", "related",
            "production", "preparations", "equipment", "activités", "activité", "autres", "industrie", "soutien");

    private final BilingualText text = new BilingualText(Map.of(FACETS, 1f));

    BilingualText text() {
        return text;
    }

    /** A call as matching reads it: its prominent and all its terms, per language, and its conditions. */
    record CallText(String callId, Set<String> prominentEn, Set<String> prominentFr, Set<String> anyEn,
                    Set<String> anyFr, String programme, String kind, Set<String> eligiblePlaces) {
    }

    CallText call(String callId, FundingCall call) {
        StringBuilder prominent = new StringBuilder(call.title());
        append(prominent, call.callTitle());
        call.keywords().forEach(k -> append(prominent, k));
        call.tags().forEach(t -> append(prominent, t));
        String p = prominent.toString();
        Set<String> prominentEn = new HashSet<>(text.englishTerms(p));
        Set<String> prominentFr = new HashSet<>(text.frenchTerms(p));
        String description = call.description();
        if (description.length() > DESCRIPTION_READ) {
            description = description.substring(0, DESCRIPTION_READ);
        }
        Set<String> anyEn = new HashSet<>(prominentEn);
        anyEn.addAll(text.englishTerms(description));
        Set<String> anyFr = new HashSet<>(prominentFr);
        anyFr.addAll(text.frenchTerms(description));
        return new CallText(callId, prominentEn, prominentFr, anyEn, anyFr,
                call.programme() == null ? null : call.programme().strip().toLowerCase(Locale.ROOT),
                call.kind().name(), Set.copyOf(call.eligibleCountries()));
    }

    private static void append(StringBuilder to, String value) {
        if (value != null && !value.isBlank()) {
            to.append(" . ").append(value);
        }
    }

    /** A label's terms, per language; for a sector, each telling word with its terms. */
    record AnalysedFacet(Target.Facet facet, List<String> en, List<String> fr, List<Word> words) {

        boolean isEmpty() {
            return en.isEmpty() && fr.isEmpty();
        }
    }

    /** A word of a label as people read it, and its terms. */
    record Word(String surface, List<String> en, List<String> fr) {
    }

    /** A target with its labels analysed once, when it is indexed. */
    record AnalysedTarget(Target target, List<AnalysedFacet> facets) {
    }

    AnalysedTarget target(Target target) {
        List<AnalysedFacet> facets = new ArrayList<>(target.facets().size());
        for (Target.Facet facet : target.facets()) {
            AnalysedFacet analysed = facet(facet);
            if (!analysed.isEmpty()) {
                facets.add(analysed);
            }
        }
        return new AnalysedTarget(target, facets);
    }

    private AnalysedFacet facet(Target.Facet facet) {
        if (!facet.kind().anyWord) {
            return new AnalysedFacet(facet, distinct(text.englishTerms(facet.label())),
                    distinct(text.frenchTerms(facet.label())), List.of());
        }
        List<Word> words = new ArrayList<>();
        Set<String> en = new LinkedHashSet<>();
        Set<String> fr = new LinkedHashSet<>();
        for (String word : facet.label().split("[^\\p{L}\\p{N}]+")) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.length() < 3 || UNTELLING.contains(lower)
                    || words.stream().anyMatch(w -> w.surface().equals(lower))) {
                continue;
            }
            List<String> wordEn = text.englishTerms(word);
            List<String> wordFr = text.frenchTerms(word);
            if (!wordEn.isEmpty() || !wordFr.isEmpty()) {
                words.add(new Word(lower, wordEn, wordFr));
                en.addAll(wordEn);
                fr.addAll(wordFr);
            }
        }
        return new AnalysedFacet(facet, List.copyOf(en), List.copyOf(fr), words);
    }

    private static List<String> distinct(List<String> terms) {
        return List.copyOf(new LinkedHashSet<>(terms));
    }

    @Override
    public void close() {
        text.close();
    }
}
