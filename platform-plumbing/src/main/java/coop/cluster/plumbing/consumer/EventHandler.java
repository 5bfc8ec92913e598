package coop.cluster.plumbing.consumer;

/**
 * Applies one event. It must be idempotent (see {@link IdempotentEffects}): the same event can
 * arrive twice. Throwing makes the event be retried with back-off and, after the last retry, sent
 * to the dead-letter topic.
 */
@FunctionalInterface
public interface EventHandler<T> {

    void handle(ReceivedEvent<T> event);
}
