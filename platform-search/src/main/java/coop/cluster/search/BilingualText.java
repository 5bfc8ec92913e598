package coop.cluster.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Free text in English or French, neither declared, for the services' Lucene indexes (the members
 * directory, the funding-call search). Text plumbing only: which fields a service indexes, and with
 * what weight, is its own.
 *
 * <p>Every text field is indexed twice, once per language, and a query word is looked up in both
 * variants (the best match counts):
 *
 * <ul>
 *   <li>common to both: the standard tokenizer, French elisions removed ({@code l'usinage} → {@code
 *       usinage}), lower case, English and French stop words removed, accents folded ({@code
 *       mécatronique} and {@code Mecatronique} are one term);
 *   <li>{@code <field>_en}: English possessives removed, then the Porter stemmer, which joins
 *       {@code robot}, {@code robots}, {@code robotic} and {@code robotics};
 *   <li>{@code <field>_fr}: the light French stemmer, which joins singular and plural, masculine
 *       and feminine ({@code numérique}, {@code numériques}).
 * </ul>
 *
 * One stemmer per variant, rather than one chain with both, keeps each stemmer on words it was
 * written for; a word the wrong stemmer mangles still matches through the other variant. {@link
 * InMemoryIndex} sets up an index with it.
 */
public final class BilingualText implements Closeable {

    static final String EN = "_en";
    static final String FR = "_fr";

    /** English and French stop words: a query word that is one in either language is ignored. */
    static final CharArraySet STOP_WORDS;

    static {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(FrenchAnalyzer.getDefaultStopSet());
        STOP_WORDS = CharArraySet.unmodifiableSet(stop);
    }

    private final Map<String, Float> boosts;
    private final Analyzer english = new Stemming(true);
    private final Analyzer french = new Stemming(false);
    private final Analyzer words = words();
    private final Analyzer perField;

    /** The text fields, in the order they are looked up, each with the weight of a match in it. */
    public BilingualText(WeightedField... fields) {
        this(WeightedField.boosts(fields));
    }

    /**
     * @param boosts the text fields, in the order they are looked up, each with the weight of a
     *     match in it
     */
    public BilingualText(Map<String, Float> boosts) {
        this.boosts = new LinkedHashMap<>(boosts);
        this.perField =
                new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
                    @Override
                    protected Analyzer getWrappedAnalyzer(String fieldName) {
                        if (fieldName.endsWith(EN)) {
                            return english;
                        }
                        return fieldName.endsWith(FR) ? french : words;
                    }
                };
    }

    /**
     * The analyzer of the index writer: each language variant its chain, any other field
     * lower-cased words.
     */
    public Analyzer analyzer() {
        return perField;
    }

    /**
     * Adds {@code value} to text field {@code field} of {@code doc}, in both variants; nothing if
     * blank.
     */
    public void add(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new TextField(field + EN, value, Field.Store.NO));
            doc.add(new TextField(field + FR, value, Field.Store.NO));
        }
    }

    /**
     * The words of {@code text}, cut as the standard tokenizer cuts them and lower-cased, nothing
     * removed.
     */
    public List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : terms(words, "words", text);
    }

    /**
     * The terms an English variant ({@code <field>_en}) indexes for {@code text}: stop words out,
     * Porter stems.
     */
    public List<String> englishTerms(String text) {
        return text == null || text.isBlank() ? List.of() : terms(english, EN, text);
    }

    /**
     * The terms a French variant ({@code <field>_fr}) indexes for {@code text}: stop words out,
     * light stems.
     */
    public List<String> frenchTerms(String text) {
        return text == null || text.isBlank() ? List.of() : terms(french, FR, text);
    }

    /** The name of the English variant of text field {@code field}. */
    public static String english(String field) {
        return field + EN;
    }

    /** The name of the French variant of text field {@code field}. */
    public static String french(String field) {
        return field + FR;
    }

    /**
     * One query per distinct word of {@code text} (at most {@code maxWords}): the word in any text
     * field, in either language, the best field counting and the others adding a little. Words that
     * are stop words in every field give no query.
     */
    public List<Query> wordQueries(String text, int maxWords) {
        List<Query> perWord = new ArrayList<>();
        for (String word : words(text).stream().distinct().toList()) {
            if (perWord.size() == maxWords) {
                break;
            }
            List<Query> alternatives = new ArrayList<>();
            boosts.forEach(
                    (field, boost) -> {
                        for (String name : List.of(field + EN, field + FR)) {
                            for (String term : terms(perField, name, word)) {
                                alternatives.add(
                                        new BoostQuery(new TermQuery(new Term(name, term)), boost));
                            }
                        }
                    });
            if (!alternatives.isEmpty()) {
                perWord.add(new DisjunctionMaxQuery(alternatives, 0.1f));
            }
        }
        return perWord;
    }

    /**
     * The words' queries combined: all must match for up to two words, two thirds of them for
     * longer texts (so one unlucky word does not empty the result); null when there are none.
     */
    public static Query mostOf(List<Query> perWord) {
        if (perWord.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        perWord.forEach(q -> query.add(q, Occur.SHOULD));
        int n = perWord.size();
        query.setMinimumNumberShouldMatch(n <= 2 ? n : n - n / 3);
        return query.build();
    }

    /** The terms {@code analyzer} makes of {@code text} in {@code field}. */
    static List<String> terms(Analyzer analyzer, String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    @Override
    public void close() {
        perField.close();
        english.close();
        french.close();
        words.close();
    }

    /**
     * A query cut into words, lower case, nothing removed: each word is then analysed per field.
     */
    private static Analyzer words() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
    }

    private static final class Stemming extends Analyzer {

        private final boolean english;

        Stemming(boolean english) {
            this.english = english;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new ElisionFilter(tokenizer, FrenchAnalyzer.DEFAULT_ARTICLES);
            stream = new LowerCaseFilter(stream);
            if (english) {
                stream = new EnglishPossessiveFilter(stream);
            }
            stream = new StopFilter(stream, STOP_WORDS);
            stream = new ASCIIFoldingFilter(stream);
            stream = english ? new PorterStemFilter(stream) : new FrenchLightStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }
}
