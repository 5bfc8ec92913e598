package coop.cluster.plumbing.consumer;

/**
 * An event that no retry can help: its payload cannot be read. It goes straight to the dead-letter
 * topic.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
