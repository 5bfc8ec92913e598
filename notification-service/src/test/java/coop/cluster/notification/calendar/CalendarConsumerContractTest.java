package coop.cluster.notification.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.testing.contracts.EventContracts;
import coop.cluster.testing.docs.EventDocs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the event contracts (docs/events.md, "Versioning") for every event the
 * calendar reads: samples generated from the producers' schemas in docs/asyncapi.yaml are parsed
 * into the payload copies its subscriptions use; the fields the calendar cannot do without must be
 * required. And docs/services/notification-service.md names every type as consumed.
 */
class CalendarConsumerContractTest {

    private final EventContracts contracts = EventContracts.load();
    private final CalendarSubscriptions subscriptions = new CalendarSubscriptions(null);

    /** The fields each dated thing cannot do without. */
    private static final Map<String, String[]> NEEDED =
            Map.ofEntries(
                    Map.entry(
                            "cluster.fundingwatch.call.published.v1",
                            new String[] {"callId", "call"}),
                    Map.entry(
                            "cluster.fundingwatch.call.updated.v1",
                            new String[] {"callId", "call"}),
                    Map.entry("cluster.fundingwatch.call.closed.v1", new String[] {"callId"}),
                    Map.entry(
                            "cluster.fundingwatch.opportunity.matched.v1", new String[] {"callId"}),
                    Map.entry(
                            "cluster.membership.proposal.tabled.v1",
                            new String[] {"proposalId", "deadline"}),
                    Map.entry(
                            "cluster.membership.resolution.adopted.v1",
                            new String[] {"resolutionId"}),
                    Map.entry(
                            "cluster.membership.resolution.rejected.v1",
                            new String[] {"proposalId"}),
                    Map.entry(
                            "cluster.project.invitation.sent.v1",
                            new String[] {"invitationId", "memberId", "expiresAt"}),
                    Map.entry(
                            "cluster.project.invitation.accepted.v1",
                            new String[] {"invitationId"}),
                    Map.entry(
                            "cluster.project.invitation.declined.v1",
                            new String[] {"invitationId"}),
                    Map.entry(
                            "cluster.project.invitation.expired.v1", new String[] {"invitationId"}),
                    Map.entry(
                            "cluster.project.invitation.withdrawn.v1",
                            new String[] {"invitationId"}),
                    Map.entry(
                            "cluster.finance.fee.invoiced.v1",
                            new String[] {"invoiceId", "memberId", "dueDate"}),
                    Map.entry("cluster.finance.fee.paid.v1", new String[] {"invoiceId"}),
                    Map.entry(
                            "cluster.activity.event.published.v1",
                            new String[] {"eventId", "startsAt", "endsAt"}),
                    Map.entry("cluster.activity.event.cancelled.v1", new String[] {"eventId"}),
                    Map.entry(
                            "cluster.activity.registration.confirmed.v1",
                            new String[] {"eventId", "personId"}),
                    Map.entry(
                            "cluster.activity.registration.promoted.v1",
                            new String[] {"eventId", "personId"}),
                    Map.entry(
                            "cluster.activity.registration.cancelled.v1",
                            new String[] {"eventId", "personId", "status"}));

    private List<EventSubscription> all() {
        return List.of(
                subscriptions.calendarCalls(),
                subscriptions.calendarOpportunities(),
                subscriptions.calendarCouncil(),
                subscriptions.calendarInvitations(),
                subscriptions.calendarFees(),
                subscriptions.calendarActivities());
    }

    @Test
    void everyEventReadIsParsedFromTheProducersSchema() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
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
        assertThat(checked).isEqualTo(NEEDED.size());
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
    }
}
