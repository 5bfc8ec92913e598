package coop.cluster.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryIndexTest {

    private static final WeightedField TITLE = new WeightedField("title", 3f);
    private static final WeightedField BODY = new WeightedField("body", 1f);

    private final InMemoryIndex index = new InMemoryIndex(TITLE, BODY);

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private void put(String id, String title, String body) {
        Document doc = new Document();
        doc.add(new StringField("id", id, Field.Store.YES));
        index.addText(doc, TITLE, title);
        index.addText(doc, BODY, body);
        index.update(new Term("id", id), doc);
    }

    private List<String> find(String text) {
        return index.search(
                searcher -> {
                    List<String> ids = new ArrayList<>();
                    for (ScoreDoc hit : searcher.search(index.words(text, 16), 10).scoreDocs) {
                        ids.add(searcher.storedFields().document(hit.doc).get("id"));
                    }
                    return ids;
                });
    }

    @Test
    void writesAreSearchableOnceRefreshedInEitherLanguageTheTitleWeighingMore() {
        put("a", "Industrial robots", "");
        put("b", "Ports", "robotic arms for ports");
        put("c", "Innovation numérique", "");
        assertThat(find("robotics")).isEmpty();
        index.refresh();
        assertThat(find("robotics")).containsExactly("a", "b");
        assertThat(find("numeriques")).containsExactly("c");
    }

    @Test
    void aDocumentIsReplacedOrDeletedByItsTerm() {
        put("a", "Hydrogen", "");
        put("a", "Solar", "");
        index.refresh();
        assertThat(find("hydrogen")).isEmpty();
        assertThat(find("solar")).containsExactly("a");
        index.delete(new Term("id", "a"));
        index.refresh();
        assertThat(find("solar")).isEmpty();
        assertThat(index.words("the", 16)).as("stop words only").isNull();
    }

    @Test
    void theFieldsWeightsAreInTheOrderGiven() {
        assertThat(WeightedField.boosts(TITLE, BODY))
                .containsExactly(java.util.Map.entry("title", 3f), java.util.Map.entry("body", 1f));
    }
}
