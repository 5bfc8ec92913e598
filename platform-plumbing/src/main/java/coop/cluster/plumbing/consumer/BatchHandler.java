package coop.cluster.plumbing.consumer;

import java.util.List;

/**
 * Applies several events of one type together, in the order they were read (one partition's order
 * is kept), so that their effects take a few bulk writes instead of some per event. The consumer's
 * offsets move past them only once it has returned, so it must have stored every effect before
 * returning, and, like an {@link EventHandler}, be idempotent per event: the same events may come
 * again, alone or with others (after a crash, a rebalance, or a failure of the batch).
 *
 * <p>Throwing makes the consumer hand the same events over again one by one (a list of one each),
 * so that a poison event is retried, then dead-lettered, alone while the others are applied; a
 * failure because the store or the broker is out of reach is retried until it is back, from the
 * first event of the batch. A handler therefore throws for a batch what it would throw for its
 * worst event, and never applies part of an event's effects in a way a second attempt could not
 * complete.
 */
@FunctionalInterface
public interface BatchHandler<T> {

    void handle(List<ReceivedEvent<T>> events);
}
