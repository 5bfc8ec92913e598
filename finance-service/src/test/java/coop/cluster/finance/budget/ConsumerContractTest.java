package coop.cluster.finance.budget;

import coop.cluster.testing.contracts.EventContracts;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the event contracts (docs/events.md, "Versioning"): samples generated from the producer's
 * schemas in docs/asyncapi.yaml are parsed into this service's own copies of the events, as the plumbing's dispatcher
 * parses them; every component of a copy must be a field of the schema and read its value, and the fields the handler
 * needs must be required (so a producer that renames or removes one breaks this test).
 */
class ConsumerContractTest {

    private final EventContracts contracts = EventContracts.load();

    @Test
    void projectBudgetsReadTheSignedAgreement() {
        contracts.assertConsumerReads(ProjectEvents.AGREEMENT_SIGNED_V1, ProjectEvents.AgreementSigned.class,
                "projectId", "agreement.version", "agreement.currency", "agreement.contributions");
    }
}
