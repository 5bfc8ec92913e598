package coop.cluster.infra.store;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * Holds each answer of a connection until what it reflects is durable ({@link GroupCommit}),
 * without blocking the event loop: the answer (not yet encoded) is queued, and written once its
 * group's commit has completed. A failed commit closes the connection instead: the client sees an
 * error, never a success for a write that may be lost.
 *
 * <p>Last in the pipeline, so the first outbound handler that the library's {@code writeAndFlush}
 * reaches. Its queue is only touched on the connection's event loop, and answers leave in the order
 * they were written (an answer that needs no commit still waits behind an earlier one that does).
 */
final class DurableReplies extends ChannelOutboundHandlerAdapter {

    private record Held(Object message, ChannelPromise promise, GroupCommit.Group group) {}

    private final GroupCommit commits;
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    DurableReplies(GroupCommit commits) {
        this.commits = commits;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        GroupCommit.Group group = commits.groupFor();
        if (group == null && held.isEmpty()) {
            ctx.write(message, promise);
            return;
        }
        held.add(new Held(message, promise, group));
        if (group != null) {
            group.whenDurable(durable -> ctx.executor().execute(() -> release(ctx)));
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (held.isEmpty()) {
            ctx.flush();
        }
        // else the held answers are flushed when released
    }

    private void release(ChannelHandlerContext ctx) {
        boolean wrote = false;
        while (!held.isEmpty()) {
            Held next = held.peek();
            if (next.group() != null && !next.group().isDone()) {
                break;
            }
            if (next.group() != null && !next.group().isDurable()) {
                dropHeld();
                ctx.close();
                return;
            }
            held.poll();
            ctx.write(next.message(), next.promise());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        dropHeld();
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        dropHeld();
    }

    private void dropHeld() {
        Held h;
        while ((h = held.poll()) != null) {
            ReferenceCountUtil.release(h.message());
            h.promise().tryFailure(new ClosedChannelException());
        }
    }
}
