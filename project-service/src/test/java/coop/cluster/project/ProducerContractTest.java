package coop.cluster.project;

import coop.cluster.plumbing.events.EventDescriptor;
import coop.cluster.testing.contracts.EventContracts;
import org.junit.jupiter.api.Test;

/**
 * The producer's side of the event contracts (docs/events.md, "Versioning"): every payload record in this service's
 * catalog, serialised with the outbox's JSON settings, conforms to its schema in docs/asyncapi.yaml. A record
 * component renamed, removed or retyped fails here: the schema's required field goes missing or has the wrong type.
 */
class ProducerContractTest {

    private final EventContracts contracts = EventContracts.load();

    @Test
    void everyPublishedPayloadRecordConformsToItsSchema() {
        for (EventDescriptor event : new ProjectApplication().eventCatalog().descriptors()) {
            contracts.assertProduces(event.ceType(), contracts.producerSample(event.ceType(), event.javaType()));
        }
    }
}
