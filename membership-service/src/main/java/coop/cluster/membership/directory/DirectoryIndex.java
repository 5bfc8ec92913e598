package coop.cluster.membership.directory;

import coop.cluster.membership.member.domain.Codes;
import coop.cluster.membership.member.domain.ContactPerson;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.OfferedResource;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.search.InMemoryIndex;
import coop.cluster.search.WeightedField;
import java.io.Closeable;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/**
 * The members directory as a Lucene index held in memory: one document per active member, rebuilt
 * from the store at start-up and kept up to date by {@link DirectoryIndexer}. Plain Java, no
 * Spring.
 *
 * <p>Writes come from one thread at a time ({@link #apply} is synchronized) and are visible to
 * searches once the batch is applied (the searcher is refreshed at the end of each batch). Applying
 * a member is idempotent: an active member replaces its document (by its {@code id} term), any
 * other status deletes it, and a member already indexed exactly as given is skipped. Searches run
 * concurrently on the current searcher.
 *
 * <p>What a hit shows comes from an in-memory copy of the indexed members, not from stored fields:
 * the index only holds terms and sort keys.
 */
public final class DirectoryIndex implements Closeable {

    /**
     * Text fields, each indexed in an English and a French variant ({@link
     * coop.cluster.search.BilingualText}), with its boost.
     */
    static final class Text {
        static final WeightedField NAME = new WeightedField("name", 4f);
        static final WeightedField COMPETENCES = new WeightedField("competences", 3f);
        static final WeightedField RESOURCES = new WeightedField("resources", 2f);
        static final WeightedField CONTACTS = new WeightedField("contacts", 1.5f);
        static final WeightedField DESCRIPTION = new WeightedField("description", 1f);

        /** In the order a query word is looked up in them. */
        static final WeightedField[] ALL = {NAME, COMPETENCES, RESOURCES, CONTACTS, DESCRIPTION};

        private Text() {}
    }

    static final String ID = "id";
    static final String NAME_SORT = "name_sort";
    static final String COMPETENCE = "competence";
    static final String SECTOR = "sector";
    static final String REGION = "region";
    static final String COUNTRY = "country";
    static final String RESOURCE = "resource";
    static final String TYPE = "type";

    /** At most this many words of a query are looked up; the rest are ignored. */
    static final int MAX_QUERY_WORDS = 16;

    private static final Sort BY_NAME =
            new Sort(
                    new SortField(NAME_SORT, SortField.Type.STRING),
                    new SortField(ID, SortField.Type.STRING));
    private static final Sort BY_SCORE =
            new Sort(
                    SortField.FIELD_SCORE,
                    new SortField(NAME_SORT, SortField.Type.STRING),
                    new SortField(ID, SortField.Type.STRING));

    private final InMemoryIndex index = new InMemoryIndex(Text.ALL);
    private final Map<String, Member> indexed = new ConcurrentHashMap<>();

    /**
     * The latest version applied of every member seen, active or not: an older state never replaces
     * a newer.
     */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    /** What one {@link #apply} did. */
    public record Applied(int upserted, int removed, int unchanged) {

        public int changed() {
            return upserted + removed;
        }
    }

    /** A page of hits and the total number of members that match. */
    public record Result(long total, List<Hit> hits) {}

    /**
     * @param score the relevance score, or null when the search had no text (then hits are by name)
     */
    public record Hit(Member member, Float score) {}

    /**
     * Indexes {@code members} as they are now: the active ones are (re)written, the others removed.
     * Members given in the same state as already indexed, or in an older version than one applied
     * before, are skipped, so re-reading a batch, or hearing of two writes out of order, is
     * harmless. The changes are visible to searches when this returns.
     */
    public synchronized Applied apply(Collection<Member> members) {
        int upserted = 0;
        int removed = 0;
        int unchanged = 0;
        for (Member member : members) {
            String id = member.id().value();
            Member current = indexed.get(id);
            Long seen = versions.get(id);
            if (seen != null && member.version() != null && member.version() < seen) {
                unchanged++;
                continue;
            }
            if (member.version() != null) {
                versions.put(id, member.version());
            }
            if (member.isActive()) {
                if (member.equals(current)) {
                    unchanged++;
                    continue;
                }
                index.update(new Term(ID, id), document(member));
                indexed.put(id, member);
                upserted++;
            } else if (current != null) {
                index.delete(new Term(ID, id));
                indexed.remove(id);
                removed++;
            } else {
                unchanged++;
            }
        }
        if (upserted + removed > 0) {
            index.refresh();
        }
        return new Applied(upserted, removed, unchanged);
    }

    /** The number of members in the directory. */
    public int size() {
        return indexed.size();
    }

    /**
     * Searches the directory. With text, hits are ranked by relevance (BM25 over the boosted text
     * fields), ties by name; without, by name.
     *
     * @param page 0-based
     * @param size hits per page
     */
    public Result search(DirectoryQuery query, int page, int size) {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page " + page + ", size " + size);
        }
        Query text = query.text() == null ? null : textQuery(query.text());
        Query lucene = query(query, text);
        boolean scored = text != null;
        return index.search(
                searcher -> {
                    int wanted = Math.multiplyExact(page + 1, size);
                    TopFieldDocs top =
                            searcher.search(
                                    lucene,
                                    new TopFieldCollectorManager(
                                            scored ? BY_SCORE : BY_NAME,
                                            wanted,
                                            null,
                                            Integer.MAX_VALUE));
                    List<Hit> hits = new ArrayList<>(size);
                    for (int i = page * size; i < top.scoreDocs.length; i++) {
                        FieldDoc doc = (FieldDoc) top.scoreDocs[i];
                        String id = ((BytesRef) doc.fields[doc.fields.length - 1]).utf8ToString();
                        Member member = indexed.get(id);
                        if (member != null) {
                            hits.add(new Hit(member, scored ? score(doc) : null));
                        }
                    }
                    return new Result(top.totalHits.value(), hits);
                });
    }

    @Override
    public void close() throws IOException {
        index.close();
    }

    private static Float score(ScoreDoc doc) {
        return doc instanceof FieldDoc field && field.fields[0] instanceof Float f ? f : doc.score;
    }

    private Query query(DirectoryQuery query, Query text) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(
                text == null ? new MatchAllDocsQuery() : text,
                text == null ? Occur.FILTER : Occur.MUST);
        filter(
                all,
                COMPETENCE,
                query.competences().stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList());
        filter(all, SECTOR, query.sectors().stream().map(DirectoryIndex::sector).toList());
        List<String> regions =
                query.regions().stream().map(r -> r.strip().toUpperCase(Locale.ROOT)).toList();
        if (!regions.isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (String region : regions) {
                any.add(new TermQuery(new Term(REGION, region)), Occur.SHOULD);
                if (region.length() == 2) {
                    any.add(new TermQuery(new Term(COUNTRY, region)), Occur.SHOULD);
                }
            }
            all.add(any.build(), Occur.FILTER);
        }
        filter(all, RESOURCE, query.resources().stream().map(Enum::name).toList());
        filter(all, TYPE, query.types().stream().map(Enum::name).toList());
        if (query.members() != null) {
            all.add(
                    query.members().isEmpty()
                            ? new MatchNoDocsQuery("no member in the set")
                            : new TermInSetQuery(
                                    ID, query.members().stream().map(BytesRef::new).toList()),
                    Occur.FILTER);
        }
        return all.build();
    }

    private static void filter(BooleanQuery.Builder all, String field, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        if (values.size() == 1) {
            all.add(new TermQuery(new Term(field, values.getFirst())), Occur.FILTER);
            return;
        }
        all.add(
                new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()),
                Occur.FILTER);
    }

    /**
     * Each word of {@code text} in any text field, in either language variant: the best field
     * counts, others add a little. Words that are stop words in every field are dropped; of the
     * others, all must match for up to two words, and two thirds for longer queries (so one unlucky
     * word does not empty the result). Null when no word is left.
     */
    Query textQuery(String text) {
        return index.words(text, MAX_QUERY_WORDS);
    }

    private Document document(Member member) {
        Profile p = member.profile();
        Document doc = new Document();
        doc.add(new StringField(ID, member.id().value(), Field.Store.NO));
        doc.add(new SortedDocValuesField(ID, new BytesRef(member.id().value())));
        doc.add(new SortedDocValuesField(NAME_SORT, new BytesRef(sortKey(p.legalName()))));
        text(doc, Text.NAME, p.legalName());
        p.competences().forEach(c -> text(doc, Text.COMPETENCES, c));
        for (OfferedResource resource : p.offeredResources()) {
            text(doc, Text.RESOURCES, resource.description());
        }
        for (ContactPerson contact : p.contacts()) {
            text(doc, Text.CONTACTS, contact.name());
            text(doc, Text.CONTACTS, contact.role());
        }
        text(doc, Text.DESCRIPTION, p.description());
        p.competences().forEach(c -> doc.add(new StringField(COMPETENCE, c, Field.Store.NO)));
        for (String sector : p.sectors()) {
            prefixes(sector)
                    .forEach(code -> doc.add(new StringField(SECTOR, code, Field.Store.NO)));
        }
        doc.add(new StringField(COUNTRY, p.country(), Field.Store.NO));
        if (p.region() != null) {
            for (int end = 2; end <= p.region().length(); end++) {
                doc.add(new StringField(REGION, p.region().substring(0, end), Field.Store.NO));
            }
        }
        p.offeredResources().stream()
                .map(r -> r.type().name())
                .distinct()
                .forEach(type -> doc.add(new StringField(RESOURCE, type, Field.Store.NO)));
        doc.add(new StringField(TYPE, p.organisationType().name(), Field.Store.NO));
        return doc;
    }

    private void text(Document doc, WeightedField field, String value) {
        index.addText(doc, field, value);
    }

    /**
     * {@code J62.01} → {@code J}, {@code J62}, {@code J62.0}, {@code J62.01}: a filter on any of
     * them matches.
     */
    static List<String> prefixes(String nace) {
        List<String> codes = new ArrayList<>();
        codes.add(nace.substring(0, 1));
        if (nace.length() >= 3) {
            codes.add(nace.substring(0, 3));
        }
        if (nace.length() >= 5) {
            codes.add(nace.substring(0, 5));
        }
        if (nace.length() >= 6) {
            codes.add(nace);
        }
        return codes;
    }

    /**
     * A sector filter in canonical form ({@code 62.01} → {@code J62.01}), or as given if it is no
     * NACE code.
     */
    static String sector(String code) {
        return Codes.nace(code).orElse(code.strip().toUpperCase(Locale.ROOT));
    }

    /** Names sort without regard to case or accents. */
    static String sortKey(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }
}
