package coop.cluster.activity;

import coop.cluster.activity.event.events.EventCancelled;
import coop.cluster.activity.event.events.EventPublished;
import coop.cluster.activity.meeting.events.MeetingScheduled;
import coop.cluster.plumbing.events.EventDescriptor;
import coop.cluster.testing.contracts.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * The producer's side of the event contracts (docs/events.md, "Versioning"): every payload record
 * in this service's catalog, serialised with the outbox's JSON settings, conforms to its schema in
 * docs/asyncapi.yaml.
 */
class ProducerContractTest {

    private final EventContracts contracts = EventContracts.load();

    @Test
    void everyPublishedPayloadRecordConformsToItsSchema() {
        for (EventDescriptor event : new ActivityApplication().eventCatalog().descriptors()) {
            contracts.assertProduces(
                    event.ceType(), contracts.producerSample(event.ceType(), event.javaType()));
        }
    }

    @Test
    void theFieldsEventsLeaveEmptyMayBeNull() {
        // an event may be titled in one language, be online only or in a room only, and be for
        // everyone (no group); a cancellation may come without a reason
        contracts.assertProduces(
                "cluster.activity.event.published.v1",
                contracts.producerSample(
                        "cluster.activity.event.published.v1",
                        EventPublished.class,
                        EventContracts.nulls("titleFr", "place", "groupId")));
        contracts.assertProduces(
                "cluster.activity.event.published.v1",
                contracts.producerSample(
                        "cluster.activity.event.published.v1",
                        EventPublished.class,
                        EventContracts.nulls("titleEn", "onlineLink", "groupId")));
        contracts.assertProduces(
                "cluster.activity.event.cancelled.v1",
                contracts.producerSample(
                        "cluster.activity.event.cancelled.v1",
                        EventCancelled.class,
                        EventContracts.nulls("reason")));
        // a meeting new to the schedule was nowhere before
        contracts.assertProduces(
                "cluster.activity.meeting.scheduled.v1",
                contracts.producerSample(
                        "cluster.activity.meeting.scheduled.v1",
                        MeetingScheduled.class,
                        EventContracts.nulls("previousStartsAt", "previousTable")));
    }
}
