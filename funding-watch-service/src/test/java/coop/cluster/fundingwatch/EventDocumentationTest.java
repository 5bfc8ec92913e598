package coop.cluster.fundingwatch;

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
        for (EventDescriptor event : new FundingWatchApplication().eventCatalog().descriptors()) {
            published.put(event.ceType(), event.topic());
        }
        EventDocs.assertDocumented("funding-watch-service", published);
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
        consumed.put("cluster.membership.member.profile-changed.v1", "membership.members");
        consumed.put("cluster.membership.member.suspended.v1", "membership.members");
        consumed.put("cluster.membership.member.reinstated.v1", "membership.members");
        consumed.put("cluster.membership.member.rejected.v1", "membership.members");
        consumed.put("cluster.membership.member.left.v1", "membership.members");
        consumed.put("cluster.membership.member.excluded.v1", "membership.members");
        consumed.put("cluster.membership.group.created.v1", "membership.groups");
        consumed.put("cluster.membership.group.membership-changed.v1", "membership.groups");
        consumed.put("cluster.project.project.created.v1", "project.projects");
        consumed.put("cluster.project.project.updated.v1", "project.projects");
        consumed.put("cluster.project.project.closed.v1", "project.projects");
        consumed.put("cluster.project.project.abandoned.v1", "project.projects");
        consumed.put("cluster.project.partner.joined.v1", "project.projects");
        consumed.put("cluster.project.partner.left.v1", "project.projects");
        consumed.put("cluster.identity.access.revoked.v1", "identity.people");
        EventDocs.assertConsumedDocumented("funding-watch-service", consumed);
    }
}
