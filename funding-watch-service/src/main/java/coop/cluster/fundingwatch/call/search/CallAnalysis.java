package coop.cluster.fundingwatch.call.search;

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
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * How the text of a funding call is cut into terms. Calls come in English (the EU portal) and French (regional and
 * national agencies), and no feed says which; so each text field is indexed twice, an English variant
 * ({@code <field>.en}: Porter stemmer, {@code innovations} → {@code innov}) and a French one ({@code <field>.fr}:
 * the light French stemmer, {@code numériques} → {@code numer}), and each query word is looked up in both. Common to
 * both: the standard tokenizer, French elisions removed ({@code l'innovation}), lower case, English and French stop
 * words removed, accents folded.
 */
final class CallAnalysis {

    static final String EN = ".en";
    static final String FR = ".fr";

    private static final CharArraySet STOP_WORDS;

    static {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(FrenchAnalyzer.getDefaultStopSet());
        STOP_WORDS = CharArraySet.unmodifiableSet(stop);
    }

    private CallAnalysis() {
    }

    /** Per field: English for {@code *.en}, French for {@code *.fr}, plain lower-cased words for any other. */
    static Analyzer perField() {
        Analyzer english = new Stemming(true);
        Analyzer french = new Stemming(false);
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
                english.close();
                french.close();
                words.close();
                super.close();
            }
        };
    }

    /** A query cut into words, lower case, nothing removed: each word is then analysed per field. */
    static Analyzer words() {
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
