package coop.cluster.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.notification.events.Payloads;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.testing.contracts.EventContracts;
import coop.cluster.testing.docs.EventDocs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the event contracts (docs/events.md, "Versioning") for every event
 * notification-service reads: samples generated from the producers' schemas in docs/asyncapi.yaml
 * are parsed into this service's own copies ({@link Payloads}) as the plumbing's dispatcher parses
 * them; every component of a copy must be a field of the schema and read its value, and the fields
 * the notices need must be required, so a producer that renames or removes one breaks this test.
 */
class ConsumerContractTest {

    private final EventContracts contracts = EventContracts.load();
    private final Subscriptions subscriptions = new Subscriptions(null, null, null);

    /** The fields each notice or view update cannot do without. */
    private static final Map<String, String[]> NEEDED =
            Map.ofEntries(
                    Map.entry("cluster.identity.person.registered.v1", new String[] {"personId"}),
                    Map.entry(
                            "cluster.identity.person.joined-organisation.v1",
                            new String[] {"personId", "memberId"}),
                    Map.entry(
                            "cluster.identity.person.roles-changed.v1", new String[] {"personId"}),
                    Map.entry(
                            "cluster.identity.person.left-organisation.v1",
                            new String[] {"personId", "memberId"}),
                    Map.entry("cluster.membership.member.applied.v1", new String[] {"memberId"}),
                    Map.entry("cluster.membership.member.admitted.v1", new String[] {"memberId"}),
                    Map.entry(
                            "cluster.membership.proposal.tabled.v1",
                            new String[] {"proposalId", "deadline"}),
                    Map.entry(
                            "cluster.project.agreement.proposed.v1",
                            new String[] {"projectId", "agreement"}),
                    Map.entry(
                            "cluster.project.invitation.sent.v1",
                            new String[] {"invitationId", "projectId", "memberId"}),
                    Map.entry(
                            "cluster.finance.fee.invoiced.v1",
                            new String[] {"invoiceId", "memberId", "dueDate"}),
                    Map.entry(
                            "cluster.finance.fee.overdue.v1",
                            new String[] {"invoiceId", "memberId"}),
                    Map.entry("cluster.finance.report.published.v1", new String[] {"periodId"}),
                    Map.entry(
                            "cluster.fundingwatch.deadline.approaching.v1",
                            new String[] {"callId", "deadline"}),
                    Map.entry(
                            "cluster.fundingwatch.opportunity.matched.v1",
                            new String[] {"callId", "call", "target", "memberIds"}),
                    Map.entry(
                            "cluster.activity.event.published.v1",
                            new String[] {"eventId", "startsAt", "audience"}),
                    Map.entry(
                            "cluster.activity.event.cancelled.v1",
                            new String[] {"eventId", "registeredPeople"}),
                    Map.entry(
                            "cluster.activity.registration.confirmed.v1",
                            new String[] {"eventId", "personId"}),
                    Map.entry(
                            "cluster.activity.registration.waitlisted.v1",
                            new String[] {"eventId", "personId", "position"}),
                    Map.entry(
                            "cluster.activity.registration.promoted.v1",
                            new String[] {"eventId", "personId"}));

    private List<EventSubscription> all() {
        return List.of(
                subscriptions.people(),
                subscriptions.members(),
                subscriptions.council(),
                subscriptions.projects(),
                subscriptions.invitations(),
                subscriptions.fees(),
                subscriptions.reports(),
                subscriptions.calls(),
                subscriptions.opportunities(),
                subscriptions.activities());
    }

    @Test
    void everyEventReadIsParsedFromTheProducersSchema() {
        int checked = 0;
        List<String> broken = new java.util.ArrayList<>();
        for (EventSubscription subscription : all()) {
            for (Map.Entry<String, Class<?>> read : subscription.payloadTypes().entrySet()) {
                try {
                    contracts.assertConsumerReads(
                            read.getKey(),
                            read.getValue(),
                            NEEDED.getOrDefault(read.getKey(), new String[0]));
                } catch (RuntimeException | AssertionError e) {
                    broken.add(
                            read.getKey()
                                    + " into "
                                    + read.getValue().getSimpleName()
                                    + ": "
                                    + e.getMessage());
                }
                checked++;
            }
        }
        assertThat(broken).as("consumer copies the producers' schemas do not guarantee").isEmpty();
        assertThat(checked).as("every type of every subscription").isGreaterThanOrEqualTo(30);
        assertThat(NEEDED.keySet())
                .as("the needed fields name types this service reads")
                .isSubsetOf(
                        all().stream().flatMap(s -> s.payloadTypes().keySet().stream()).toList());
    }

    @Test
    void theDocsNameEveryTypeAsConsumed() {
        for (EventSubscription subscription : all()) {
            Map<String, String> consumed = new LinkedHashMap<>();
            subscription
                    .payloadTypes()
                    .keySet()
                    .forEach(type -> consumed.put(type, subscription.topics().get(0)));
            EventDocs.assertConsumedDocumented("notification-service", consumed);
        }
        assertThat(Set.copyOf(all().stream().map(s -> s.topics().get(0)).toList())).hasSize(10);
    }
}
