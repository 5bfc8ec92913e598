package coop.cluster.membership.directory;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * How the directory's text is cut into terms. Profiles are written in English or French (often a mix: a French
 * name, English competences), and the language of a profile is not declared. So every text field is indexed twice,
 * once per language, and a query word is looked up in both variants (the best match counts):
 * <ul>
 *   <li>common to both: the standard tokenizer, French elisions removed ({@code l'usinage} → {@code usinage}),
 *       lower case, English and French stop words removed, accents folded ({@code mécatronique} and
 *       {@code Mecatronique} are one term);</li>
 *   <li>{@code *_en}: the Porter stemmer, which is aggressive enough to join {@code robot}, {@code robots},
 *       {@code robotic} and {@code robotics};</li>
 *   <li>{@code *_fr}: the light French stemmer, which joins singular and plural, masculine and feminine
 *       ({@code numérique}, {@code numériques}).</li>
 * </ul>
 * One stemmer per variant, rather than one chain with both, keeps each stemmer on words it was written for; a word
 * the wrong stemmer mangles still matches through the other variant.
 */
final class DirectoryAnalysis {

    /** English and French stop words: a query word that is one in either language is ignored. */
    static final CharArraySet STOP_WORDS;

    static {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(FrenchAnalyzer.getDefaultStopSet());
        STOP_WORDS = CharArraySet.unmodifiableSet(stop);
    }

    static final String EN = "_en";
    static final String FR = "_fr";

    private DirectoryAnalysis() {
    }

    /** Per field: the English chain for fields ending in {@code _en}, the French one for {@code _fr}. */
    static Analyzer perField() {
        Analyzer english = new Folding(true);
        Analyzer french = new Folding(false);
        Analyzer words = words();
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                if (fieldName.endsWith(EN)) {
                    return english;
                }
                return fieldName.endsWith(FR) ? french : words;
            }

            @Override
            public void close() {
                Map.of("en", english, "fr", french, "words", words).values().forEach(Analyzer::close);
                super.close();
            }
        };
    }

    /** The words of a query, before each field's analysis: tokenized and lower-cased, nothing removed. */
    static Analyzer words() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
    }

    private static final class Folding extends Analyzer {

        private final boolean english;

        Folding(boolean english) {
            this.english = english;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new ElisionFilter(tokenizer, FrenchAnalyzer.DEFAULT_ARTICLES);
            stream = new LowerCaseFilter(stream);
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
