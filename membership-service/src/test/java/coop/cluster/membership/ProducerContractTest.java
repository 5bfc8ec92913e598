package coop.cluster.membership;

import coop.cluster.membership.council.events.ResolutionAdopted;
import coop.cluster.membership.member.events.DelegateAppointed;
import coop.cluster.membership.member.events.MemberAdmitted;
import coop.cluster.membership.member.events.MemberApplied;
import coop.cluster.membership.member.events.MemberSuspended;
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
        for (EventDescriptor event : new MembershipApplication().eventCatalog().descriptors()) {
            contracts.assertProduces(event.ceType(), contracts.producerSample(event.ceType(), event.javaType()));
        }
    }

    @Test
    void theFieldsMembershipLeavesEmptyMayBeNull() {
        // the demo organisations were filed by nobody; a profile's region, description and website are optional
        produce(MemberApplied.class, "cluster.membership.member.applied.v1", "appliedBy", "profile.region",
                "profile.description", "profile.website");
        produce(MemberAdmitted.class, "cluster.membership.member.admitted.v1", "reason");
        produce(MemberSuspended.class, "cluster.membership.member.suspended.v1", "reason");
        // a first delegate has no predecessor; only a group's creation names a group
        produce(DelegateAppointed.class, "cluster.membership.member.delegate-appointed.v1", "previousSubject");
        produce(ResolutionAdopted.class, "cluster.membership.resolution.adopted.v1", "groupId");
    }

    private void produce(Class<?> record, String type, String... nullPaths) {
        contracts.assertProduces(type, contracts.producerSample(type, record, EventContracts.nulls(nullPaths)));
    }
}
