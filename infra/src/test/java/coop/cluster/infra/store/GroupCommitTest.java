package coop.cluster.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.store.StoreOptions.Durability;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GroupCommit} and {@link DurableReplies}: an answer leaves once the commit after its
 * request is done (and flushed), right away when nothing is unsaved, and never when the commit or
 * the flush failed: the connection closes.
 */
class GroupCommitTest {

    @TempDir Path dir;

    private MVStore store;
    private GroupCommit commits;

    @AfterEach
    void close() {
        if (commits != null) {
            commits.close();
        }
        if (store != null) {
            store.closeImmediately();
        }
    }

    @Test
    void anAnswerAfterAChangeWaitsForTheFlushedCommit() throws Exception {
        store = StoreFile.open(dir.resolve("store.mv"));
        MVMap<String, String> map = store.openMap("m");
        store.commit();
        AtomicInteger flushes = new AtomicInteger();
        commits =
                new GroupCommit(
                        store,
                        writes(() -> {}, flushes::incrementAndGet),
                        Durability.FSYNC,
                        200,
                        null,
                        () -> {});

        assertThat(commits.groupFor()).as("nothing unsaved: the answer leaves now").isNull();

        GroupCommit.Group[] group = new GroupCommit.Group[1];
        commits.process(
                () -> {
                    map.put("k", "v");
                    group[0] = commits.groupFor();
                });
        assertThat(group[0]).isNotNull();
        CountDownLatch durable = new CountDownLatch(1);
        group[0].whenDurable(
                ok -> {
                    if (ok) {
                        durable.countDown();
                    }
                });

        assertThat(durable.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.hasUnsavedChanges()).as("committed before the answer").isFalse();
        assertThat(flushes.get()).as("and flushed").isPositive();
        assertThat(commits.groupFor()).isNull();
    }

    @Test
    void aFailedFlushClosesTheConnectionInsteadOfAnswering() throws Exception {
        store = StoreFile.open(dir.resolve("store.mv"));
        CountDownLatch stopped = new CountDownLatch(1);
        commits =
                new GroupCommit(
                        store,
                        writes(
                                () -> {},
                                () -> {
                                    throw new UncheckedIOException(new IOException("disk gone"));
                                }),
                        Durability.FSYNC,
                        200,
                        null,
                        stopped::countDown);
        MVMap<String, String> map = store.openMap("m");
        EmbeddedChannel channel = new EmbeddedChannel(new DurableReplies(commits));

        commits.process(
                () -> {
                    map.put("k", "v");
                    channel.writeAndFlush("answer");
                });

        // the store stops once the waiting answers were failed (their release queued on the
        // channel's loop)
        assertThat(stopped.await(10, TimeUnit.SECONDS)).as("the store stops").isTrue();
        channel.runPendingTasks();
        assertThat(channel.isOpen()).as("the connection is closed").isFalse();
        assertThat((Object) channel.readOutbound()).as("no answer was sent").isNull();
        assertThat(commits.failed()).isTrue();
    }

    @Test
    void answersLeaveInOrderOnceTheirCommitIsDone() throws Exception {
        store = StoreFile.open(dir.resolve("store.mv"));
        CountDownLatch flushing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        commits =
                new GroupCommit(
                        store,
                        writes(
                                () -> {},
                                () -> {
                                    flushing.countDown();
                                    await(release);
                                }),
                        Durability.FSYNC,
                        200,
                        null,
                        () -> {});
        MVMap<String, String> map = store.openMap("m");
        EmbeddedChannel channel = new EmbeddedChannel(new DurableReplies(commits));

        GroupCommit.Group[] first = new GroupCommit.Group[1];
        commits.process(
                () -> {
                    map.put("k", "v");
                    channel.writeAndFlush("first");
                    first[0] = commits.groupFor();
                });
        assertThat(flushing.await(10, TimeUnit.SECONDS)).isTrue();
        // a read while that commit is being flushed: it may have seen the change, so it waits for
        // the next commit
        channel.writeAndFlush("second");
        GroupCommit.Group second = commits.groupFor();
        assertThat(second).isNotNull().isNotSameAs(first[0]);
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).as("held while the commit is flushed").isNull();

        CountDownLatch done = new CountDownLatch(1);
        second.whenDurable(ok -> done.countDown()); // after DurableReplies' own callbacks
        release.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).isEqualTo("first");
        assertThat((Object) channel.readOutbound()).isEqualTo("second");
    }

    private GroupCommit.FileWrites writes(Runnable beforeCommit, Runnable sync) {
        return new GroupCommit.FileWrites() {
            @Override
            public long commit() {
                beforeCommit.run();
                return store.commit();
            }

            @Override
            public void sync() {
                sync.run();
                store.sync();
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
