package coop.cluster.membership.people;

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
    void organisationPeopleReadTheIdentityEvents() {
        contracts.assertConsumerReads(IdentityEvents.JOINED_ORGANISATION_V1, IdentityEvents.PersonJoinedOrganisation.class,
                "personId", "memberId", "roles");
        contracts.assertConsumerReads(IdentityEvents.ROLES_CHANGED_V1, IdentityEvents.PersonRolesChanged.class,
                "personId", "roles");
        contracts.assertConsumerReads(IdentityEvents.LEFT_ORGANISATION_V1, IdentityEvents.PersonLeftOrganisation.class,
                "personId", "memberId");
    }
}
