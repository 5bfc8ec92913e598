package coop.cluster.auth;

import coop.cluster.auth.people.events.AccessRevoked;
import coop.cluster.auth.people.events.PersonInvited;
import coop.cluster.auth.people.events.RolesChanged;
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
        for (EventDescriptor event : new AuthServerApplication().eventCatalog().descriptors()) {
            contracts.assertProduces(
                    event.ceType(), contracts.producerSample(event.ceType(), event.javaType()));
        }
    }

    @Test
    void theFieldsTheIssuerLeavesEmptyMayBeNull() {
        // a whole organisation's revocation names no person (OrganisationsFeed), a person's names
        // no member (People)
        produce(AccessRevoked.class, "cluster.identity.access.revoked.v1", "personId");
        produce(AccessRevoked.class, "cluster.identity.access.revoked.v1", "memberId");
        // staff are invited into no organisation, and hold roles in none
        produce(PersonInvited.class, "cluster.identity.person.invited.v1", "memberId");
        produce(RolesChanged.class, "cluster.identity.person.roles-changed.v1", "memberId");
    }

    private void produce(Class<?> record, String type, String... nullPaths) {
        contracts.assertProduces(
                type, contracts.producerSample(type, record, EventContracts.nulls(nullPaths)));
    }
}
