package coop.cluster.project.call;

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

    private static final String C = FundingWatchEvents.PREFIX;
    private final EventContracts contracts = EventContracts.load();

    @Test
    void callViewReadsTheFundingCallEvents() {
        contracts.assertConsumerReads(C + "published.v1", FundingWatchEvents.CallChanged.class, "callId",
                "call.title", "call.status", "call.deadlines");
        contracts.assertConsumerReads(C + "updated.v1", FundingWatchEvents.CallChanged.class, "callId",
                "call.title", "call.status", "call.deadlines");
        contracts.assertConsumerReads(C + "closed.v1", FundingWatchEvents.CallClosed.class, "callId");
    }
}
