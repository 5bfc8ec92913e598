package coop.cluster.infra.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.expr;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code _id} fast path of the store's backends (see {@link IdLookup}) changes no result: every
 * test runs against the library's own backends as well, with the same expectations.
 */
class StoreIdLookupTest {

    enum Kind {
        LIBRARY_MEMORY(dir -> new MemoryBackend(), false),
        STORE_MEMORY(dir -> new MemoryStoreBackend(), true),
        LIBRARY_H2(dir -> new H2Backend(MVStore.open(dir.resolve("library.mv").toString())), false),
        STORE_H2(dir -> new H2StoreBackend(MVStore.open(dir.resolve("store.mv").toString())), true);

        final Function<Path, MongoBackend> backend;
        final boolean fastPath;

        Kind(Function<Path, MongoBackend> backend, boolean fastPath) {
            this.backend = backend;
            this.fastPath = fastPath;
        }
    }

    @TempDir Path dir;

    private MongoBackend backend;
    private MongoServer server;
    private MongoClient client;

    private MongoCollection<Document> reopen(Kind kind) {
        backend = kind.backend.apply(dir);
        server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        return client.getDatabase("shop").getCollection("orders");
    }

    private MongoCollection<Document> open(Kind kind) {
        MongoCollection<Document> orders = reopen(kind);
        orders.insertMany(
                List.of(
                        order("o-1", "open", 3, 10, "red", "blue"),
                        order("o-2", "open", 1, 20, "green"),
                        order("o-3", "closed", 7, 30, "red"),
                        order("o-4", "open", 2, 40)));
        return orders;
    }

    private static Document order(
            String id, String status, int version, int amount, String... tags) {
        return new Document("_id", id)
                .append("status", status)
                .append("version", version)
                .append("amount", amount)
                .append("tags", List.of(tags));
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.shutdownNow(); // closes the backend
            server = null;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theStoreBackendsUseTheirOwnCollections(Kind kind) {
        open(kind);
        Object collection = backend.resolveDatabase("shop").resolveCollection("orders", true);
        switch (kind) {
            case STORE_MEMORY -> assertThat(collection).isInstanceOf(MemoryStoreCollection.class);
            case STORE_H2 -> assertThat(collection).isInstanceOf(H2StoreCollection.class);
            default ->
                    assertThat(collection)
                            .isNotInstanceOfAny(
                                    MemoryStoreCollection.class, H2StoreCollection.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void optimisticLockingUpdatesOnlyTheExpectedVersion(Kind kind) {
        MongoCollection<Document> orders = open(kind);
        Bson bump = combine(set("status", "paid"), inc("version", 1));

        assertThat(orders.updateOne(where("_id", "o-1", "version", 2), bump).getMatchedCount())
                .isZero();
        assertThat(orders.find(eq("_id", "o-1")).first())
                .isEqualTo(order("o-1", "open", 3, 10, "red", "blue"));

        assertThat(orders.updateOne(where("_id", "o-1", "version", 3), bump).getModifiedCount())
                .isEqualTo(1);
        assertThat(orders.find(eq("_id", "o-1")).first())
                .isEqualTo(order("o-1", "paid", 4, 10, "red", "blue"));
        assertThat(orders.find(eq("_id", "o-2")).first())
                .isEqualTo(order("o-2", "open", 1, 20, "green"));

        Document before = orders.findOneAndUpdate(where("_id", "o-2", "version", 1), bump);
        assertThat(before).isEqualTo(order("o-2", "open", 1, 20, "green"));
        assertThat(orders.findOneAndUpdate(where("_id", "o-2", "version", 1), bump)).isNull();
        assertThat(orders.find(eq("_id", "o-2")).first())
                .isEqualTo(order("o-2", "paid", 2, 20, "green"));

        assertThat(orders.deleteOne(where("_id", "o-4", "version", 9)).getDeletedCount()).isZero();
        assertThat(orders.deleteOne(where("_id", "o-4", "version", 2)).getDeletedCount())
                .isEqualTo(1);
        assertThat(orders.countDocuments()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void findsByIdAndFurtherCriteria(Kind kind) {
        MongoCollection<Document> orders = open(kind);

        assertThat(ids(orders.find(where("_id", "o-3", "status", "closed"))))
                .containsExactly("o-3");
        assertThat(ids(orders.find(where("_id", "o-3", "status", "open")))).isEmpty();
        assertThat(ids(orders.find(where("_id", "o-9", "status", "open")))).isEmpty();
        assertThat(orders.countDocuments(where("_id", "o-1", "amount", op("$gte", 10))))
                .isEqualTo(1);
        assertThat(orders.countDocuments(where("_id", "o-1", "amount", op("$gte", 11)))).isZero();
        assertThat(
                        orders.find(where("_id", "o-2", "status", "open"))
                                .projection(new Document("amount", 1))
                                .first())
                .isEqualTo(new Document("_id", "o-2").append("amount", 20));
        // a criterion with an operator of its own, alongside
        assertThat(
                        ids(
                                orders.find(
                                        where(
                                                "_id",
                                                "o-1",
                                                "$or",
                                                List.of(
                                                        where("amount", 99),
                                                        where("tags", "blue"))))))
                .containsExactly("o-1");
        assertThat(
                        ids(
                                orders.find(
                                        where(
                                                "_id",
                                                "o-1",
                                                "$or",
                                                List.of(
                                                        where("amount", 99),
                                                        where("tags", "pink"))))))
                .isEmpty();
        assertThat(ids(orders.find(expr(new Document("$gt", List.of("$amount", 15))))))
                .containsExactly("o-2", "o-3", "o-4");
    }

    /** The MongoDB driver's {@code Filters.and} writes {@code {$and: [{_id: X}, ...]}}. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void findsByIdAndFurtherCriteriaInAnAnd(Kind kind) {
        MongoCollection<Document> orders = open(kind);

        assertThat(ids(orders.find(and(eq("_id", "o-3"), eq("status", "closed")))))
                .containsExactly("o-3");
        assertThat(ids(orders.find(and(eq("status", "open"), eq("_id", "o-3"))))).isEmpty();
        assertThat(ids(orders.find(and(eq("_id", "o-1"), eq("_id", "o-2"))))).isEmpty();
        assertThat(
                        ids(
                                orders.find(
                                        and(
                                                in("_id", "o-1", "o-2"),
                                                and(eq("_id", "o-2"), gte("amount", 20))))))
                .containsExactly("o-2");
        assertThat(
                        orders.updateOne(
                                        and(
                                                eq("_id", "o-1"),
                                                eq("version", 3),
                                                ne("tags", "green")),
                                        inc("version", 1))
                                .getModifiedCount())
                .isEqualTo(1);
        assertThat(
                        orders.updateOne(and(eq("_id", "o-1"), eq("version", 3)), inc("version", 1))
                                .getMatchedCount())
                .isZero();
        assertThat(orders.find(eq("_id", "o-1")).first().getInteger("version")).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void numericIdsMatchAcrossNumberTypes(Kind kind) {
        MongoCollection<Document> orders = open(kind);
        orders.insertOne(new Document("_id", 7).append("status", "open"));

        assertThat(orders.find(where("_id", 7L, "status", "open")).first()).isNotNull();
        assertThat(orders.find(where("_id", 7.0, "status", "open")).first()).isNotNull();
        assertThat(orders.find(where("_id", 7.5, "status", "open")).first()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void idOperatorsAndRegexesStillWork(Kind kind) {
        MongoCollection<Document> orders = open(kind);

        assertThat(ids(orders.find(in("_id", "o-1", "o-3", "o-9"))))
                .containsExactlyInAnyOrder("o-1", "o-3");
        assertThat(ids(orders.find(and(in("_id", "o-1", "o-3", "o-4"), eq("status", "open")))))
                .containsExactlyInAnyOrder("o-1", "o-4");
        assertThat(ids(orders.find(and(regex("_id", "^o-[12]$"), eq("status", "open")))))
                .containsExactlyInAnyOrder("o-1", "o-2");
        assertThat(ids(orders.find(and(ne("_id", "o-1"), eq("status", "open")))))
                .containsExactlyInAnyOrder("o-2", "o-4");
        assertThat(
                        orders.updateMany(
                                        and(in("_id", "o-2", "o-3"), eq("status", "open")),
                                        set("status", "held"))
                                .getModifiedCount())
                .isEqualTo(1);
        assertThat(ids(orders.find(eq("status", "held")))).containsExactly("o-2");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void notEqualOnAnArrayField(Kind kind) {
        MongoCollection<Document> orders = open(kind);

        assertThat(ids(orders.find(where("_id", "o-1", "tags", op("$ne", "red"))))).isEmpty();
        assertThat(ids(orders.find(where("_id", "o-1", "tags", op("$ne", "green")))))
                .containsExactly("o-1");
        assertThat(ids(orders.find(where("_id", "o-4", "tags", op("$ne", "red")))))
                .containsExactly("o-4");
        assertThat(
                        orders.updateOne(
                                        where("_id", "o-1", "tags", op("$ne", "red")),
                                        push("tags", "red"))
                                .getMatchedCount())
                .isZero();
        assertThat(
                        orders.updateOne(
                                        where("_id", "o-1", "tags", op("$ne", "green")),
                                        push("tags", "green"))
                                .getModifiedCount())
                .isEqualTo(1);
        assertThat(orders.find(eq("_id", "o-1")).first().getList("tags", String.class))
                .containsExactly("red", "blue", "green");
    }

    /**
     * Idempotent consumption: an event already applied finds no document, and the upsert then
     * collides.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void upsertsByIdAndNotYetApplied(Kind kind) {
        MongoCollection<Document> orders = open(kind);
        MongoCollection<Document> counters = client.getDatabase("shop").getCollection("counters");
        FindOneAndUpdateOptions upsert =
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);

        Document first = counters.findOneAndUpdate(notApplied("c-1", "e-1"), apply("e-1"), upsert);
        assertThat(first)
                .isEqualTo(
                        new Document("_id", "c-1")
                                .append("count", 1)
                                .append("applied", List.of("e-1")));
        Document second = counters.findOneAndUpdate(notApplied("c-1", "e-2"), apply("e-2"), upsert);
        assertThat(second)
                .isEqualTo(
                        new Document("_id", "c-1")
                                .append("count", 2)
                                .append("applied", List.of("e-1", "e-2")));

        assertThatThrownBy(
                        () ->
                                counters.findOneAndUpdate(
                                        notApplied("c-1", "e-1"), apply("e-1"), upsert))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(11000));
        assertThatThrownBy(
                        () ->
                                counters.updateOne(
                                        notApplied("c-1", "e-2"),
                                        apply("e-2"),
                                        new UpdateOptions().upsert(true)))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
        assertThat(counters.find(eq("_id", "c-1")).first()).isEqualTo(second);

        // without upsert, an applied event is simply no match
        assertThat(counters.findOneAndUpdate(notApplied("c-1", "e-1"), apply("e-1"))).isNull();
        assertThat(counters.updateOne(notApplied("c-1", "e-3"), apply("e-3")).getModifiedCount())
                .isEqualTo(1);
        assertThat(counters.find(eq("_id", "c-1")).first().getInteger("count")).isEqualTo(3);
        assertThat(orders.countDocuments()).isEqualTo(4);
    }

    private static Bson notApplied(String id, String eventId) {
        return where("_id", id, "applied", op("$ne", eventId)); // as Spring Data writes it
    }

    private static Bson apply(String eventId) {
        return combine(inc("count", 1), push("applied", eventId));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sortSkipAndLimitAreUnaffected(Kind kind) {
        MongoCollection<Document> orders = open(kind);

        assertThat(ids(orders.find(eq("status", "open")).sort(Sorts.descending("amount")).limit(2)))
                .containsExactly("o-4", "o-2");
        assertThat(ids(orders.find(eq("status", "open")).sort(Sorts.ascending("amount")).skip(1)))
                .containsExactly("o-2", "o-4");
        assertThat(
                        ids(
                                orders.find(where("_id", "o-2", "status", "open"))
                                        .sort(Sorts.descending("amount"))
                                        .limit(1)))
                .containsExactly("o-2");
        assertThat(ids(orders.find(where("_id", "o-2", "status", "open")).skip(1))).isEmpty();
        assertThat(
                        ids(
                                orders.find(where("_id", "o-2", "status", "open"))
                                        .sort(new Document("$natural", -1))))
                .containsExactly("o-2");
        Document updated =
                orders.findOneAndUpdate(
                        and(gte("amount", 20), eq("status", "open")),
                        set("status", "picked"),
                        new FindOneAndUpdateOptions().sort(Sorts.descending("amount")));
        assertThat(updated.getString("_id")).isEqualTo("o-4");
    }

    /**
     * What makes the fast path observable without a clock: a filter that fails on any other
     * document ({@code $divide} by zero) but not on the one with the queried {@code _id}. The
     * library's full scan evaluates it on every document and fails; the store, like a mongod with
     * its {@code _id} index, evaluates it on the one document only.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void onlyTheDocumentWithTheQueriedIdIsExamined(Kind kind) {
        MongoCollection<Document> orders = open(kind);
        orders.insertOne(new Document("_id", "zero").append("amount", 1).append("version", 0));
        Document amountPerVersion =
                op("$gt", List.of(op("$divide", List.of("$amount", "$version")), 1));
        // the $expr first: the matcher stops at the first criterion a document fails
        Bson filter = where("$expr", amountPerVersion, "_id", "o-1");
        Bson driverFilter =
                and(expr(amountPerVersion), eq("_id", "o-1")); // {$and: [{$expr: ...}, {_id: ...}]}

        for (Bson f : List.of(filter, driverFilter)) {
            if (kind.fastPath) {
                assertThat(ids(orders.find(f))).containsExactly("o-1");
                assertThat(orders.updateOne(f, inc("amount", 1)).getModifiedCount()).isEqualTo(1);
            } else {
                assertThatThrownBy(() -> ids(orders.find(f))) // not first(): a limit ends the scan
                        // at o-1
                        .isInstanceOfSatisfying(
                                MongoCommandException.class,
                                e -> assertThat(e.getErrorCode()).isEqualTo(16608));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anInOnIdsReadsAndUpdatesOnlyThoseDocuments(Kind kind) {
        MongoCollection<Document> orders = open(kind);
        Bson some = in("_id", "o-1", "o-3", "o-9", "o-1");
        assertThat(ids(orders.find(some))).containsExactlyInAnyOrder("o-1", "o-3");
        assertThat(ids(orders.find(and(some, eq("status", "open"))))).containsExactly("o-1");
        assertThat(orders.updateMany(some, push("tags", "audited")).getModifiedCount())
                .isEqualTo(2);
        assertThat(orders.find(eq("_id", "o-3")).first())
                .isEqualTo(order("o-3", "closed", 7, 30, "red", "audited"));
        assertThat(orders.find(eq("_id", "o-2")).first())
                .as("not named")
                .isEqualTo(order("o-2", "open", 1, 20, "green"));
        assertThat(orders.countDocuments(in("_id", "o-2", "o-4"))).isEqualTo(2);
        assertThat(orders.deleteMany(in("_id", "o-4", "o-9")).getDeletedCount()).isEqualTo(1);
        assertThat(ids(orders.find())).containsExactlyInAnyOrder("o-1", "o-2", "o-3");
    }

    /**
     * The outbox relay's look for pending events, as it writes it; the same answers on every
     * backend.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void theDocumentsCarryingAnOutboxAreFoundWhateverHappensToThem(Kind kind) {
        MongoCollection<Document> orders = open(kind);
        Bson pending = exists("outbox.id");
        assertThat(ids(orders.find(pending))).isEmpty();

        orders.updateOne(eq("_id", "o-1"), push("outbox", new Document("id", "e-1")));
        orders.updateOne(eq("_id", "o-2"), set("outbox", List.of()));
        orders.insertOne(
                new Document("_id", "o-5").append("outbox", List.of(new Document("id", "e-2"))));
        orders.insertOne(new Document("_id", "o-6").append("outbox", List.of("no id")));
        assertThat(ids(orders.find(pending))).containsExactlyInAnyOrder("o-1", "o-5");
        assertThat(ids(orders.find(pending).projection(new Document("outbox", 1)).limit(1)))
                .hasSize(1);
        assertThat(ids(orders.find(and(pending, eq("status", "open"))))).containsExactly("o-1");

        orders.updateMany(
                in("_id", "o-1", "o-5"),
                new Document(
                        "$pull",
                        new Document(
                                "outbox",
                                new Document("id", new Document("$in", List.of("e-1", "e-2"))))));
        assertThat(ids(orders.find(pending))).isEmpty();
        orders.updateOne(eq("_id", "o-3"), push("outbox", new Document("id", "e-3")));
        orders.findOneAndUpdate(eq("_id", "o-4"), push("outbox", new Document("id", "e-4")));
        orders.replaceOne(
                eq("_id", "o-2"), new Document("outbox", List.of(new Document("id", "e-5"))));
        assertThat(ids(orders.find(pending))).containsExactlyInAnyOrder("o-2", "o-3", "o-4");
        orders.deleteOne(eq("_id", "o-3"));
        assertThat(ids(orders.find(pending))).containsExactlyInAnyOrder("o-2", "o-4");

        if (kind.fastPath) {
            assertThat(pendingOutboxDocuments())
                    .as("o-2, o-4 and o-6 (a superset: its outbox has no id)")
                    .isEqualTo(3);
        }
        if (kind == Kind.STORE_H2 || kind == Kind.LIBRARY_H2) {
            close(); // the file is opened again: the documents with an outbox are found again
            MongoCollection<Document> reopened = reopen(kind);
            assertThat(ids(reopened.find(pending))).containsExactlyInAnyOrder("o-2", "o-4");
            if (kind.fastPath) {
                assertThat(pendingOutboxDocuments()).isEqualTo(3);
            }
        }
    }

    private int pendingOutboxDocuments() {
        Object collection = backend.resolveDatabase("shop").resolveCollection("orders", false);
        return collection instanceof H2StoreCollection h2
                ? h2.pendingOutboxDocuments()
                : ((MemoryStoreCollection) collection).pendingOutboxDocuments();
    }

    @Test
    void theFastPathTakesOnlyAPlainIdValue() {
        open(Kind.STORE_MEMORY);
        @SuppressWarnings("unchecked")
        AbstractMongoCollection<Integer> collection =
                (AbstractMongoCollection<Integer>)
                        backend.resolveDatabase("shop").resolveCollection("orders", true);
        Function<de.bwaldvogel.mongo.bson.Document, Iterable<Integer>> candidates =
                query -> IdLookup.candidatePositions(query, "_id", collection.getIndexes());

        assertThat(candidates.apply(query("_id", "o-2").append("version", 1))).hasSize(1);
        assertThat(candidates.apply(query("_id", "o-9").append("version", 1))).isEmpty();
        assertThat(candidates.apply(query("version", 1))).isNull();
        assertThat(
                        candidates.apply(
                                query("$and", List.of(query("version", 1), query("_id", "o-2")))))
                .hasSize(1);
        assertThat(
                        candidates.apply(
                                query("$or", List.of(query("version", 1), query("_id", "o-2")))))
                .isNull();
        assertThat(
                        candidates.apply(
                                query("_id", query("$in", List.of("o-1", "o-2", "o-9", "o-1")))
                                        .append("version", 1)))
                .hasSize(2);
        assertThat(
                        candidates.apply(
                                query(
                                        "$and",
                                        List.of(
                                                query("version", 1),
                                                query("_id", query("$in", List.of("o-3")))))))
                .hasSize(1);
        assertThat(candidates.apply(query("_id", query("$in", List.of())))).isNull();
        assertThat(candidates.apply(query("_id", query("$in", List.of("o-1", query("$gt", "o"))))))
                .isNull();
        assertThat(
                        candidates.apply(
                                query("_id", query("$in", List.of("o-1")).append("$ne", "o-2"))))
                .isNull();
        assertThat(candidates.apply(query("_id", query("$nin", List.of("o-1"))))).isNull();
        assertThat(candidates.apply(query("_id", query("$ne", "o-1")).append("version", 1)))
                .isNull();
        assertThat(
                        candidates.apply(
                                query("_id", new BsonRegularExpression("^o-"))
                                        .append("version", 1)))
                .isNull();
        assertThat(candidates.apply(query("_id", Pattern.compile("^o-")).append("version", 1)))
                .isNull();
        assertThat(candidates.apply(query("_id", query("a", 1)).append("version", 1))).isNull();
        assertThat(candidates.apply(query("_id", List.of("o-1", "o-2")).append("version", 1)))
                .isNull();
        assertThat(candidates.apply(query("_id", null).append("version", 1))).isNull();
        assertThat(IdLookup.candidatePositions(query("_id", "o-2"), null, collection.getIndexes()))
                .isNull();
        assertThat(
                        IdLookup.candidatePositions(
                                query("_id", "o-2").append("x", 1), "_id", List.of()))
                .isNull();
    }

    private static de.bwaldvogel.mongo.bson.Document query(String key, Object value) {
        return new de.bwaldvogel.mongo.bson.Document(key, value);
    }

    /**
     * A filter as Spring Data's {@code Criteria.where(..).is(..).and(..)} writes it: one document.
     */
    private static Document where(Object... keysAndValues) {
        Document filter = new Document();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            filter.append((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return filter;
    }

    private static Document op(String operator, Object operand) {
        return new Document(operator, operand);
    }

    private static List<String> ids(Iterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }
}
