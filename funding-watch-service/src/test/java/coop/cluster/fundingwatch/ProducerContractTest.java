package coop.cluster.fundingwatch;

import coop.cluster.fundingwatch.call.events.CallPublished;
import coop.cluster.fundingwatch.call.events.CallUpdated;
import coop.cluster.fundingwatch.call.events.DeadlineApproaching;
import coop.cluster.plumbing.events.EventDescriptor;
import coop.cluster.testing.contracts.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * The producer's side of the event contracts (docs/events.md, "Versioning"): every payload record
 * in this service's catalog, serialised with the outbox's JSON settings, conforms to its schema in
 * docs/asyncapi.yaml. A record component renamed, removed or retyped fails here: the schema's
 * required field goes missing or has the wrong type.
 */
class ProducerContractTest {

    private final EventContracts contracts = EventContracts.load();

    @Test
    void everyPublishedPayloadRecordConformsToItsSchema() {
        for (EventDescriptor event : new FundingWatchApplication().eventCatalog().descriptors()) {
            contracts.assertProduces(
                    event.ceType(), contracts.producerSample(event.ceType(), event.javaType()));
        }
    }

    @Test
    void theFieldsACallMayLackMayBeNull() {
        // what a feed may not give: every field of the call but its title, status and deadlines
        produce(
                CallPublished.class,
                "cluster.fundingwatch.call.published.v1",
                "call.programme",
                "call.url",
                "call.identifier",
                "call.callIdentifier",
                "call.callTitle",
                "call.description",
                "call.openingDate",
                "call.budget",
                "call.partnershipRequirement",
                "call.closedAt",
                "call.closedReason",
                "call.projectName",
                "call.projectAcronym",
                "call.contractingAuthority");
        // a change that moved no deadline and changed no status
        produce(
                CallUpdated.class,
                "cluster.fundingwatch.call.updated.v1",
                "diff.deadlineMoved",
                "diff.statusChanged");
        produce(
                DeadlineApproaching.class,
                "cluster.fundingwatch.deadline.approaching.v1",
                "budget",
                "programme",
                "url");
    }

    private void produce(Class<?> record, String type, String... nullPaths) {
        contracts.assertProduces(
                type, contracts.producerSample(type, record, EventContracts.nulls(nullPaths)));
    }
}
