package coop.cluster.fundingwatch.feed.topic;

/**
 * A record of the raw feed topic that no retry can help: it names no feed or an unknown one, or its
 * bytes are not a batch that can be read. It goes straight to the dead-letter topic with its
 * reason.
 */
class RawRecordRejected extends RuntimeException {

    private final String reason;

    /**
     * @param reason a stable code, e.g. {@code feed-unknown}, {@code unreadable-body}, {@code
     *     missing-feed-id}
     */
    RawRecordRejected(String reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
