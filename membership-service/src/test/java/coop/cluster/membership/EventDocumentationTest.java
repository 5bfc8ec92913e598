package coop.cluster.membership;

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
        for (EventDescriptor event : new MembershipApplication().eventCatalog().descriptors()) {
            published.put(event.ceType(), event.topic());
        }
        EventDocs.assertDocumented("membership-service", published);
    }

    /**
     * Every event type this service's subscriptions read (its consumer contract tests parse each
     * into the service's own copy) is documented as consumed: in the AsyncAPI file and on its
     * canvas, "Events consumed".
     */
    @Test
    void everyConsumedEventIsDocumented() {
        Map<String, String> consumed = new LinkedHashMap<>();
        consumed.put("cluster.finance.fee.overdue.v1", "finance.fees");
        consumed.put("cluster.finance.fee.paid.v1", "finance.fees");
        consumed.put("cluster.membership.member.left.v1", "membership.members");
        consumed.put("cluster.membership.member.excluded.v1", "membership.members");
        consumed.put("cluster.identity.person.joined-organisation.v1", "identity.people");
        consumed.put("cluster.identity.person.roles-changed.v1", "identity.people");
        consumed.put("cluster.identity.person.left-organisation.v1", "identity.people");
        consumed.put("cluster.identity.access.revoked.v1", "identity.people");
        EventDocs.assertConsumedDocumented("membership-service", consumed);
    }
}
