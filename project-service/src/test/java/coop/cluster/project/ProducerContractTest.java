package coop.cluster.project;

import coop.cluster.plumbing.events.EventDescriptor;
import coop.cluster.project.invitation.events.InvitationAccepted;
import coop.cluster.project.invitation.events.PartnerInvited;
import coop.cluster.project.project.domain.Needs;
import coop.cluster.project.project.domain.Project;
import coop.cluster.project.project.domain.ProjectDetails;
import coop.cluster.project.project.events.AgreementSigned;
import coop.cluster.project.project.events.ProjectCreated;
import coop.cluster.project.project.events.ProjectState;
import coop.cluster.testing.contracts.EventContracts;
import java.time.Instant;
import java.util.UUID;
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
        for (EventDescriptor event : new ProjectApplication().eventCatalog().descriptors()) {
            contracts.assertProduces(
                    event.ceType(), contracts.producerSample(event.ceType(), event.javaType()));
        }
    }

    @Test
    void theFieldsProjectsLeaveEmptyMayBeNull() {
        // a project may aim at no call, offer the leadership to nobody, and its call has not closed
        produce(
                ProjectCreated.class,
                "cluster.project.project.created.v1",
                "project.description",
                "project.theme",
                "project.targetCallId",
                "project.proposedLeader",
                "project.targetCallClosedAt");
        produce(
                AgreementSigned.class,
                "cluster.project.agreement.signed.v1",
                "agreement.coordinator",
                "agreement.settlementRule");
        // an invitation and its answer may come without a message
        produce(PartnerInvited.class, "cluster.project.invitation.sent.v1", "message");
        produce(InvitationAccepted.class, "cluster.project.invitation.accepted.v1", "message");
    }

    @Test
    void aProjectStartedAsProjectsPublishesIt() {
        // as Projects.start builds it: a draft without description, theme, needs or target call
        String leader = UUID.randomUUID().toString();
        Project project =
                Project.start(
                        UUID.randomUUID().toString(),
                        leader,
                        new ProjectDetails("Cobot retrofit kit", null, null, Needs.none(), null),
                        Instant.parse("2026-03-02T10:15:30.123Z"));
        contracts.assertProduces(
                "cluster.project.project.created.v1",
                new ProjectCreated(
                        project.id(), leader, ProjectState.of(project), project.createdAt()));
    }

    private void produce(Class<?> record, String type, String... nullPaths) {
        contracts.assertProduces(
                type, contracts.producerSample(type, record, EventContracts.nulls(nullPaths)));
    }
}
