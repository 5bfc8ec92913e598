package coop.cluster.membership;

import coop.cluster.membership.council.events.ResolutionAdopted;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.OfferedResource;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.domain.ResourceType;
import coop.cluster.membership.member.domain.SizeBand;
import coop.cluster.membership.member.events.DelegateAppointed;
import coop.cluster.membership.member.events.MemberAdmitted;
import coop.cluster.membership.member.events.MemberApplied;
import coop.cluster.membership.member.events.MemberSuspended;
import coop.cluster.membership.member.events.PublicProfile;
import coop.cluster.plumbing.events.EventDescriptor;
import coop.cluster.testing.contracts.EventContracts;
import java.time.Instant;
import java.util.List;
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
        for (EventDescriptor event : new MembershipApplication().eventCatalog().descriptors()) {
            contracts.assertProduces(
                    event.ceType(), contracts.producerSample(event.ceType(), event.javaType()));
        }
    }

    @Test
    void theFieldsMembershipLeavesEmptyMayBeNull() {
        // the demo organisations were filed by nobody; a profile's region, description and website
        // are optional
        produce(
                MemberApplied.class,
                "cluster.membership.member.applied.v1",
                "appliedBy",
                "profile.region",
                "profile.description",
                "profile.website");
        produce(MemberAdmitted.class, "cluster.membership.member.admitted.v1", "reason");
        produce(MemberSuspended.class, "cluster.membership.member.suspended.v1", "reason");
        // a first delegate has no predecessor; only a group's creation names a group
        produce(
                DelegateAppointed.class,
                "cluster.membership.member.delegate-appointed.v1",
                "previousSubject");
        produce(ResolutionAdopted.class, "cluster.membership.resolution.adopted.v1", "groupId");
    }

    @Test
    void aMemberAppliedAndAdmittedAsMembersPublishesIt() {
        // as Members.apply and Members.admit build them, from a profile normalised by the domain
        // (no region, a blank
        // description and website)
        Profile profile =
                Profile.of(
                        " Atlas Agritech ",
                        "RC-1",
                        "ma",
                        null,
                        List.of("62.01", "J62.01", "A01"),
                        OrganisationType.SME,
                        SizeBand.SMALL,
                        List.of("IoT Sensors", "iot sensors "),
                        List.of(new OfferedResource(ResourceType.EQUIPMENT, "A sensor test bench")),
                        null,
                        " ",
                        "");
        MemberId id = MemberId.newId();
        Member member =
                Member.apply(id, profile, false, Instant.parse("2026-03-02T10:15:30.123456Z"));
        contracts.assertProduces(
                "cluster.membership.member.applied.v1",
                new MemberApplied(
                        id.value(),
                        member.status().name(),
                        profile.legalName(),
                        profile.registrationNumber(),
                        profile.country(),
                        PublicProfile.of(member),
                        member.appliedAt(),
                        null));
        Member admitted = member.admit(null, Instant.parse("2026-03-09T09:00:00Z"));
        contracts.assertProduces(
                "cluster.membership.member.admitted.v1",
                new MemberAdmitted(
                        id.value(),
                        admitted.status().name(),
                        PublicProfile.of(admitted),
                        null,
                        admitted.admittedAt()));
    }

    private void produce(Class<?> record, String type, String... nullPaths) {
        contracts.assertProduces(
                type, contracts.producerSample(type, record, EventContracts.nulls(nullPaths)));
    }
}
