package coop.cluster.infra.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoThreadFactory;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store: mongo-java-server's wire protocol on Netty, in front of {@link H2StoreBackend} (or
 * {@link MemoryStoreBackend}), with {@link GroupCommit} between them and the clients.
 *
 * <p>It builds the pipeline that {@code MongoServer.bind} builds (that class offers no way to add
 * to it), with two changes: requests are processed between commits ({@link StoreDatabaseHandler}),
 * and answers leave only once what they reflect is durable ({@link DurableReplies}). It also stops
 * in the order that keeps every answered write: stop accepting, stop processing, last commit and
 * flush, answers out, connections closed, file closed.
 */
final class StoreServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreServer.class);

    private final MongoBackend backend;
    private final MVStore mvStore;
    private final GroupCommit commits;
    private final StoreMaintenance maintenance;
    private final long openMillis;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ChannelGroup clients;
    private final Channel serverChannel;

    private StoreServer(
            StoreOptions options,
            MongoBackend backend,
            MVStore mvStore,
            GroupCommit commits,
            StoreMaintenance maintenance,
            long openMillis) {
        this.backend = backend;
        this.mvStore = mvStore;
        this.commits = commits;
        this.maintenance = maintenance;
        this.openMillis = openMillis;
        this.bossGroup =
                new MultiThreadIoEventLoopGroup(
                        1, new MongoThreadFactory("mongo-server-boss"), NioIoHandler.newFactory());
        this.workerGroup =
                new MultiThreadIoEventLoopGroup(
                        0,
                        new MongoThreadFactory("mongo-server-worker"),
                        NioIoHandler.newFactory());
        this.clients = new DefaultChannelGroup("mongodb-channels", workerGroup.next());
        try {
            serverChannel =
                    new ServerBootstrap()
                            .group(bossGroup, workerGroup)
                            .channel(NioServerSocketChannel.class)
                            .option(ChannelOption.SO_BACKLOG, 100)
                            .localAddress(new InetSocketAddress(options.host(), options.port()))
                            .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                            .childHandler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        public void initChannel(SocketChannel ch) {
                                            // as MongoServer.bind, plus DurableReplies last: the
                                            // first to see an answer written
                                            ch.pipeline().addLast(new MongoWireReplyEncoder());
                                            ch.pipeline().addLast(new MongoWireMessageEncoder());
                                            ch.pipeline().addLast(new MongoWireProtocolHandler());
                                            ch.pipeline()
                                                    .addLast(
                                                            new StoreDatabaseHandler(
                                                                    backend, clients, mvStore,
                                                                    commits));
                                            ch.pipeline().addLast(new MongoExceptionHandler());
                                            if (commits != null) {
                                                ch.pipeline().addLast(new DurableReplies(commits));
                                            }
                                        }
                                    })
                            .bind()
                            .syncUninterruptibly()
                            .channel();
        } catch (RuntimeException e) {
            stopEventLoops();
            throw e;
        }
    }

    /**
     * Opens the backend ({@link StoreFile} for a file) and starts serving. On failure nothing is
     * left open.
     *
     * @param onWriteFailure called if a commit fails later (the store must then stop)
     */
    static StoreServer open(StoreOptions options, Runnable onWriteFailure)
            throws StoreFile.CannotOpen {
        long start = System.nanoTime();
        if (options.file().isEmpty()) {
            return new StoreServer(options, new MemoryStoreBackend(), null, null, null, 0);
        }
        Path file = options.file().get();
        MVStore mvStore = StoreFile.open(file);
        H2StoreBackend backend;
        try {
            backend = new H2StoreBackend(mvStore);
        } catch (RuntimeException | Error e) {
            mvStore.closeImmediately();
            throw new StoreFile.CannotOpen(
                    "the store file "
                            + file
                            + " opened, but its collections could not be"
                            + " read: "
                            + e
                            + ". Nothing was changed. See docs/store.md (repair).",
                    e);
        }
        long openMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        StoreMaintenance maintenance = new StoreMaintenance(mvStore);
        GroupCommit commits =
                new GroupCommit(
                        mvStore,
                        options.durability(),
                        options.commitDelayMs(),
                        maintenance,
                        onWriteFailure);
        try {
            StoreServer server =
                    new StoreServer(options, backend, mvStore, commits, maintenance, openMillis);
            Thread.ofPlatform()
                    .daemon()
                    .name("store-outbox-index")
                    .start(
                            () -> {
                                try {
                                    backend.buildPendingOutboxes();
                                } catch (RuntimeException e) {
                                    // the store is closing, or a collection went away: the relay's
                                    // first look builds it then
                                    log.debug("pending outbox indexes not built in advance", e);
                                }
                            });
            return server;
        } catch (RuntimeException e) {
            // bind failed (port taken): close the file so that it is not left half-open
            commits.close();
            backend.close();
            throw e;
        }
    }

    static StoreServer open(StoreOptions options) throws StoreFile.CannotOpen {
        return open(options, () -> {});
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** How long opening the file and its collections took (0 in memory). */
    long openMillis() {
        return openMillis;
    }

    /** The file's size and fill rates (empty in memory). */
    String fileStats() {
        return maintenance == null ? "" : maintenance.describe();
    }

    String describe() {
        return mvStore == null ? "in memory" : "H2 file " + mvStore.getFileStore().getFileName();
    }

    /**
     * Stops accepting clients and processing requests, commits and flushes what was processed,
     * sends the answers that waited for it, closes the connections and closes the file (no
     * compaction: see {@link StoreMaintenance}).
     */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        if (commits != null) {
            commits.refuseRequests();
            commits.close();
        }
        // the answers released by the last commit are queued on the event loops before these closes
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        stopEventLoops();
        long start = System.nanoTime();
        if (commits != null && commits.failed()) {
            mvStore.closeImmediately();
        } else {
            backend.close(); // H2Backend.close: MVStore.close(), i.e. close(0): a commit (nothing
            // left) and the clean mark
            if (mvStore != null) {
                StoreFile.closed(
                        Path.of(mvStore.getFileStore().getFileName()), mvStore.getCurrentVersion());
            }
        }
        if (commits != null) {
            log.info(
                    "file closed in {} ms ({})",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    commits.counts());
        }
    }

    private void stopEventLoops() {
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        bossGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workerGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /**
     * The library's handler, each request that may change data processed between commits ({@link
     * GroupCommit#process}). A read needs no such care (it changes nothing), and must not hold the
     * commits up: a query that scans a large collection takes seconds, and a commit waiting for it
     * would hold up every write behind it.
     */
    private static final class StoreDatabaseHandler extends MongoDatabaseHandler {

        /** Commands that change no data (lower case); anything else counts as a write. */
        private static final Set<String> READS =
                Set.of(
                        "find",
                        "getmore",
                        "count",
                        "distinct",
                        "aggregate",
                        "listcollections",
                        "listindexes",
                        "hello",
                        "ismaster",
                        "ping",
                        "buildinfo",
                        "whatsmyuri",
                        "getlasterror",
                        "serverstatus",
                        "dbstats",
                        "collstats",
                        "connectionstatus",
                        "getparameter",
                        "getcmdlineopts",
                        "hostinfo",
                        "getfreemonitoringstatus",
                        "killcursors",
                        "endsessions",
                        "saslstart");

        private final MVStore mvStore;
        private final GroupCommit commits;

        StoreDatabaseHandler(
                MongoBackend backend, ChannelGroup clients, MVStore mvStore, GroupCommit commits) {
            super(backend, clients);
            this.mvStore = mvStore;
            this.commits = commits;
        }

        /**
         * Every request also pins the store version it starts from, for as long as it runs: a query
         * that scans a collection reads the pages of the maps' roots as they were when it began,
         * and without the pin a chunk holding such pages could be freed (and its space written
         * over) meanwhile, as soon as it is dead in the newest few versions: H2 keeps only 5
         * versions by default, a few milliseconds with a commit per group. The housekeeping kills
         * chunks all the time ({@link StoreMaintenance} rewrites their pages), so a long scan then
         * failed with "Chunk N not found" (H2's own background housekeeping did the same with the
         * store's slow-opening scans at start, when it still ran: see docs/store.md). Answers hold
         * their documents, so a cursor's later batches read no pages.
         */
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ClientRequest request) {
            if (commits == null) {
                super.channelRead0(ctx, request);
                return;
            }
            MVStore.TxCounter pin = mvStore.registerVersionUsage();
            try {
                if (isRead(request)) {
                    super.channelRead0(ctx, request);
                } else if (!commits.process(() -> super.channelRead0(ctx, request))) {
                    // the store is stopping: the request is not processed, the client sees the
                    // connection close
                    ctx.channel().close();
                }
            } finally {
                mvStore.deregisterVersionUsage(pin);
            }
        }

        static boolean isRead(ClientRequest request) {
            if (request instanceof MongoMessage message) {
                return isReadCommand(message.getDocument());
            }
            if (request instanceof MongoQuery query) {
                // a legacy query on a collection reads; one on $cmd is a command
                return !query.getCollectionName().startsWith("$cmd")
                        || isReadCommand(query.getQuery());
            }
            return false;
        }

        private static boolean isReadCommand(Document command) {
            if (command == null || command.isEmpty()) {
                return false;
            }
            String name = command.keySet().iterator().next();
            if (name.equals("$query") && command.get(name) instanceof Document inner) {
                return isReadCommand(inner);
            }
            name = name.toLowerCase(Locale.ROOT);
            if (name.equals("aggregate") && command.get("pipeline") instanceof List<?> pipeline) {
                // $out and $merge write into a collection
                return pipeline.stream()
                        .noneMatch(
                                stage ->
                                        stage instanceof Document d
                                                && (d.containsKey("$out")
                                                        || d.containsKey("$merge")));
            }
            return READS.contains(name);
        }
    }
}
