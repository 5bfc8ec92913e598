package coop.cluster.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A Lucene index held in memory, set up as the services' indexes are (the members directory, the
 * funding-call search): a {@link ByteBuffersDirectory}, one writer whose analyzer is a {@link
 * BilingualText}'s (each text field in an English and a French variant), and a {@link
 * SearcherManager} over it. Which documents it holds, and how a search is built and read, is the
 * service's.
 *
 * <p>Writes ({@link #update}, {@link #delete}) are visible to searches once {@link #refresh}
 * returns; the service serialises them. Searches run concurrently, each on the searcher current
 * when it starts. An I/O failure (there is no disk: in practice none) is thrown as an {@link
 * UncheckedIOException}.
 */
public final class InMemoryIndex implements Closeable {

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final BilingualText text;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    /**
     * @param textFields the text fields, in the order a query word is looked up in them, with their
     *     weights
     */
    public InMemoryIndex(WeightedField... textFields) {
        this.text = new BilingualText(textFields);
        try {
            writer =
                    new IndexWriter(
                            directory,
                            new IndexWriterConfig(text.analyzer())
                                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds {@code value} to text field {@code field} of {@code doc}, in both language variants;
     * nothing if blank.
     */
    public void addText(Document doc, WeightedField field, String value) {
        text.add(doc, field.field(), value);
    }

    /**
     * Each word of {@code text} (at most {@code maxWords}) in any text field, in either language:
     * the best field counts, the others add a little; all words must match for up to two, two
     * thirds of them for longer texts. Null when no word is left (only stop words, or punctuation).
     */
    public Query words(String text, int maxWords) {
        return BilingualText.mostOf(this.text.wordQueries(text, maxWords));
    }

    /** Replaces the document with term {@code id} by {@code doc} (adds it if there is none). */
    public void update(Term id, Document doc) {
        try {
            writer.updateDocument(id, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the documents with term {@code id}. */
    public void delete(Term id) {
        try {
            writer.deleteDocuments(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the writes so far visible to searches; returns once they are. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A search on one searcher. */
    @FunctionalInterface
    public interface Search<T> {
        T on(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code search} on the current searcher, released after. */
    public <T> T search(Search<T> search) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return search.on(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
        text.close();
    }
}
