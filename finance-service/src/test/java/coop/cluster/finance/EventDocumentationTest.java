package coop.cluster.finance;

import coop.cluster.plumbing.events.EventDescriptor;
import coop.cluster.testing.docs.EventDocs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every event this service publishes or consumes is documented: in the AsyncAPI file, the events
 * page and its canvas.
 */
class EventDocumentationTest {

    @Test
    void everyPublishedEventIsDocumented() {
        Map<String, String> published = new LinkedHashMap<>();
        for (EventDescriptor event : new FinanceApplication().eventCatalog().descriptors()) {
            published.put(event.ceType(), event.topic());
        }
        EventDocs.assertDocumented("finance-service", published);
    }

    /**
     * Every event type this service's subscriptions read (its consumer contract tests parse each
     * into the service's own copy) is documented as consumed: in the AsyncAPI file and on its
     * canvas, "Events consumed".
     */
    @Test
    void everyConsumedEventIsDocumented() {
        Map<String, String> consumed = new LinkedHashMap<>();
        consumed.put("cluster.membership.member.applied.v1", "membership.members");
        consumed.put("cluster.membership.member.admitted.v1", "membership.members");
        consumed.put("cluster.membership.member.rejected.v1", "membership.members");
        consumed.put("cluster.membership.member.suspended.v1", "membership.members");
        consumed.put("cluster.membership.member.reinstated.v1", "membership.members");
        consumed.put("cluster.membership.member.left.v1", "membership.members");
        consumed.put("cluster.membership.member.excluded.v1", "membership.members");
        consumed.put("cluster.membership.member.profile-changed.v1", "membership.members");
        consumed.put("cluster.membership.fee-schedule.adopted.v1", "membership.council");
        consumed.put("cluster.membership.fee-exemption.granted.v1", "membership.council");
        consumed.put("cluster.project.agreement.signed.v1", "project.projects");
        consumed.put("cluster.identity.access.revoked.v1", "identity.people");
        EventDocs.assertConsumedDocumented("finance-service", consumed);
    }
}
