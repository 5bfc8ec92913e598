package coop.cluster.membership.group;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.testing.contracts.EventContracts;
import coop.cluster.testing.docs.EventDocs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the event contracts (docs/events.md, "Versioning"): samples generated from
 * the producer's schemas in docs/asyncapi.yaml are parsed into this service's own copies of the
 * events, as the plumbing's dispatcher parses them; every component of a copy must be a field of
 * the schema and read its value, and the fields the handler needs must be required (so a producer
 * that renames or removes one breaks this test).
 */
class ConsumerContractTest {

    private final EventContracts contracts = EventContracts.load();

    @Test
    void groupDeparturesReadTheMembersWhoLeftOrWereExcluded() {
        for (String type :
                Set.of(
                        "cluster.membership.member.left.v1",
                        "cluster.membership.member.excluded.v1")) {
            contracts.assertConsumerReads(type, Departures.MemberGone.class, "memberId");
        }
    }

    /**
     * The service's real subscription: it reads exactly the types checked above, into those records
     * (a handler added without its contract check fails here), and the docs name each as consumed
     * (docs/events.md, "Versioning").
     */
    @Test
    void theSubscriptionReadsExactlyTheseTypesAndTheDocsNameThem() {
        EventSubscription s0 = new Departures(null).memberDeparturesForGroups();
        Map<String, Class<?>> r0 = new LinkedHashMap<>();
        r0.put("cluster.membership.member.left.v1", Departures.MemberGone.class);
        r0.put("cluster.membership.member.excluded.v1", Departures.MemberGone.class);
        assertThat(s0.payloadTypes())
                .as("the types checked above, each with its record")
                .isEqualTo(r0);
        EventDocs.assertConsumedDocumented("membership-service", consumedTypes(s0));
    }

    private static Map<String, String> consumedTypes(EventSubscription subscription) {
        Map<String, String> consumed = new LinkedHashMap<>();
        subscription
                .payloadTypes()
                .keySet()
                .forEach(type -> consumed.put(type, subscription.topics().get(0)));
        return consumed;
    }
}
