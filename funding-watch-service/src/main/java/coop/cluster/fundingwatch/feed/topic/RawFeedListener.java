package coop.cluster.fundingwatch.feed.topic;

import coop.cluster.fundingwatch.feed.FeedBatch;
import coop.cluster.fundingwatch.feed.FeedIntake;
import coop.cluster.plumbing.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * Hands each record of the raw feed topic to the feed intake, as the feed it names: the record key,
 * or else the {@value #FEED_ID_HEADER} header. What the intake refuses for the record itself (no
 * feed, an unknown feed, bytes that are no batch, too big, too many records) is {@link
 * RawRecordRejected}: dead-lettered at once. Anything else (the store failing) is retried, then
 * dead-lettered too.
 */
class RawFeedListener implements MessageListener<String, byte[]> {

    static final String FEED_ID_HEADER = "feed-id";

    private static final Logger log = LoggerFactory.getLogger(RawFeedListener.class);

    private final FeedIntake intake;

    RawFeedListener(FeedIntake intake) {
        this.intake = intake;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        String feedId = feedId(record);
        if (record.value() == null || record.value().length == 0) {
            throw new RawRecordRejected("feed-batch-empty", "the record has no value");
        }
        FeedIntake.Received received;
        try {
            received = intake.receiveFromTopic(record.topic(), feedId, record.value());
        } catch (ProblemException refused) {
            if (refused.status().is4xxClientError()) {
                throw new RawRecordRejected(
                        refused.code(),
                        "feed "
                                + feedId
                                + ", "
                                + record.value().length
                                + " bytes"
                                + (refused.args().length == 0
                                        ? ""
                                        : ", " + Arrays.toString(refused.args())));
            }
            throw refused;
        }
        FeedBatch batch = received.batch();
        log.debug(
                "{}-{}@{}: feed {} batch {}{}",
                record.topic(),
                record.partition(),
                record.offset(),
                feedId,
                batch.id(),
                received.duplicate() ? " (duplicate)" : "");
    }

    /** The record key; else the feed-id header. Both given, they must agree. */
    static String feedId(ConsumerRecord<String, ?> record) {
        String key = blankToNull(record.key());
        Header header = record.headers().lastHeader(FEED_ID_HEADER);
        String named =
                header == null || header.value() == null
                        ? null
                        : blankToNull(new String(header.value(), StandardCharsets.UTF_8));
        if (key != null && named != null && !key.equals(named)) {
            throw new RawRecordRejected(
                    "feed-id-mismatch",
                    "the key names feed " + key + ", the " + FEED_ID_HEADER + " header " + named);
        }
        String feedId = key != null ? key : named;
        if (feedId == null) {
            throw new RawRecordRejected(
                    "missing-feed-id",
                    "the record has neither a key nor a "
                            + FEED_ID_HEADER
                            + " header naming its feed");
        }
        return feedId;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
