package coop.cluster.finance.fee;

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

    private static final String M = MembershipFeeEvents.MEMBER;
    private final EventContracts contracts = EventContracts.load();

    @Test
    void feeMembersReadTheMembershipEvents() {
        contracts.assertConsumerReads(M + "admitted.v1", MembershipFeeEvents.WithProfile.class, Set.of("status"),
                "memberId", "profile.organisationType");
        contracts.assertConsumerReads(M + "profile-changed.v1", MembershipFeeEvents.WithProfile.class,
                Set.of("admittedAt"), "memberId", "status");
        for (String change : Set.of("suspended", "reinstated", "left", "excluded")) {
            contracts.assertConsumerReads(M + change + ".v1", MembershipFeeEvents.StatusChange.class, "memberId");
        }
    }

    @Test
    void feeCouncilReadsTheFeeScheduleAndTheExemptions() {
        contracts.assertConsumerReads(MembershipFeeEvents.FEE_SCHEDULE_ADOPTED_V1,
                MembershipFeeEvents.FeeScheduleAdopted.class, "resolutionId", "feeYear", "currency", "amounts");
        contracts.assertConsumerReads(MembershipFeeEvents.FEE_EXEMPTION_GRANTED_V1,
                MembershipFeeEvents.FeeExemptionGranted.class, "resolutionId", "memberId", "extent", "percent",
                "validFrom");
    }
}
