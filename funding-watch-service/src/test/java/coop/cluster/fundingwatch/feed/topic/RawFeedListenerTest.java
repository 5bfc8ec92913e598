package coop.cluster.fundingwatch.feed.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import coop.cluster.fundingwatch.feed.FeedBatch;
import coop.cluster.fundingwatch.feed.FeedIntake;
import coop.cluster.plumbing.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Which feed a raw record is for, and which refusals are dead-lettered at once. */
class RawFeedListenerTest {

    private static final byte[] BATCH = "[]".getBytes(StandardCharsets.UTF_8);

    private final FeedIntake intake = mock(FeedIntake.class);
    private final RawFeedListener listener = new RawFeedListener(intake);

    @Test
    void theFeedIsTheKeyOrElseTheHeaderAndTheyMustAgree() {
        assertThat(RawFeedListener.feedId(record("eu-ft-portal", null))).isEqualTo("eu-ft-portal");
        assertThat(RawFeedListener.feedId(record(null, "eu-ft-portal"))).isEqualTo("eu-ft-portal");
        assertThat(RawFeedListener.feedId(record("  ", "eu-ft-portal"))).isEqualTo("eu-ft-portal");
        assertThat(RawFeedListener.feedId(record("eu-ft-portal", "eu-ft-portal")))
                .isEqualTo("eu-ft-portal");
        assertRejected(
                () -> RawFeedListener.feedId(record("eu-ft-portal", "region-sud")),
                "feed-id-mismatch");
        assertRejected(() -> RawFeedListener.feedId(record(null, null)), "missing-feed-id");
        assertRejected(() -> RawFeedListener.feedId(record("", " ")), "missing-feed-id");
    }

    @Test
    void aRecordIsHandedToTheIntakeAsItsFeedFromItsTopic() {
        FeedBatch batch =
                new FeedBatch(
                        "b1",
                        "eu-ft-portal",
                        Instant.EPOCH,
                        "kafka:fundingwatch.feed.raw",
                        FeedBatch.Authentication.TOPIC,
                        "application/json",
                        BATCH.length,
                        0,
                        FeedBatch.Status.PROCESSED,
                        "[]",
                        List.of(),
                        null);
        when(intake.receiveFromTopic(anyString(), anyString(), any()))
                .thenReturn(new FeedIntake.Received(batch, false));

        listener.onMessage(record("eu-ft-portal", null));

        verify(intake).receiveFromTopic("fundingwatch.feed.raw", "eu-ft-portal", BATCH);
    }

    @Test
    void whatTheIntakeRefusesForTheRecordItselfIsRejectedWithItsCodeAndAFailureIsNot() {
        when(intake.receiveFromTopic(anyString(), eq("unknown"), any()))
                .thenThrow(ProblemException.forbidden("feed-unknown", "unknown"));
        assertRejected(() -> listener.onMessage(record("unknown", null)), "feed-unknown");

        when(intake.receiveFromTopic(anyString(), eq("eu-ft-portal"), any()))
                .thenThrow(
                        new ProblemException(
                                HttpStatus.SERVICE_UNAVAILABLE, "feed-batch-incomplete", 1, 4));
        assertThatThrownBy(() -> listener.onMessage(record("eu-ft-portal", null)))
                .as("retried, then dead-lettered")
                .isInstanceOf(ProblemException.class);
        assertThat(RawFeedTopic.reason(new RuntimeException("store down")))
                .isEqualTo("processing-failed");
    }

    @Test
    void aRecordWithoutValueIsRejectedWithoutReachingTheIntake() {
        ConsumerRecord<String, byte[]> empty =
                new ConsumerRecord<>("fundingwatch.feed.raw", 0, 7L, "eu-ft-portal", null);
        assertRejected(() -> listener.onMessage(empty), "feed-batch-empty");
        verifyNoInteractions(intake);
    }

    private static void assertRejected(Runnable action, String reason) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        RawRecordRejected.class,
                        rejected -> {
                            assertThat(rejected.reason()).isEqualTo(reason);
                            assertThat(
                                            RawFeedTopic.reason(
                                                    new RuntimeException("wrapped", rejected)))
                                    .isEqualTo(reason);
                        });
    }

    private static ConsumerRecord<String, byte[]> record(String key, String header) {
        ConsumerRecord<String, byte[]> record =
                new ConsumerRecord<>("fundingwatch.feed.raw", 0, 7L, key, BATCH);
        if (header != null) {
            record.headers()
                    .add(RawFeedListener.FEED_ID_HEADER, header.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
