package coop.cluster.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.lucene.search.BooleanQuery;
import org.junit.jupiter.api.Test;

class BilingualTextTest {

    private final BilingualText text = new BilingualText(Map.of("title", 2f));

    @Test
    void eachLanguageVariantStemsItsOwnWay() {
        assertThat(
                        BilingualText.terms(
                                text.analyzer(), "title_en", "Robotics robots, the partner's"))
                .containsExactly("robot", "robot", "partner");
        assertThat(BilingualText.terms(text.analyzer(), "title_fr", "L'innovation numériques"))
                .as("elision gone, singular and plural one term, accents folded")
                .isEqualTo(
                        BilingualText.terms(text.analyzer(), "title_fr", "innovations Numerique"))
                .hasSize(2);
        assertThat(BilingualText.terms(text.analyzer(), "other", "Mécatronique Robots"))
                .as("other fields: lower-cased words")
                .containsExactly("mécatronique", "robots");
    }

    @Test
    void aQueryHasOneClausePerDistinctWordAndStopWordsGiveNone() {
        assertThat(text.wordQueries("robots Robots and numériques", 16)).hasSize(2);
        assertThat(text.wordQueries("the and le la", 16)).isEmpty();
        assertThat(text.wordQueries("a1 b2 c3 d4", 3)).hasSize(3);
        assertThat(BilingualText.mostOf(text.wordQueries("the", 16))).isNull();
        BooleanQuery four =
                (BooleanQuery) BilingualText.mostOf(text.wordQueries("alpha beta gamma delta", 16));
        assertThat(four.getMinimumNumberShouldMatch())
                .as("two thirds of four, rounded up")
                .isEqualTo(3);
        BooleanQuery two = (BooleanQuery) BilingualText.mostOf(text.wordQueries("alpha beta", 16));
        assertThat(two.getMinimumNumberShouldMatch()).isEqualTo(2);
    }

    @Test
    void theTermsOfEachVariantAreTheIndexedOnes() {
        assertThat(text.englishTerms("The robots' Robotics")).containsExactly("robot", "robot");
        assertThat(text.frenchTerms("L'innovation numériques"))
                .isEqualTo(
                        BilingualText.terms(
                                text.analyzer(),
                                BilingualText.french("title"),
                                "innovations numerique"));
        assertThat(text.englishTerms("  ")).isEmpty();
        assertThat(text.frenchTerms(null)).isEmpty();
        assertThat(BilingualText.english("about")).isEqualTo("about_en");
        assertThat(text.words("L'Innovation, the Robots"))
                .containsExactly("l'innovation", "the", "robots");
        assertThat(text.words(" ")).isEmpty();
    }
}
