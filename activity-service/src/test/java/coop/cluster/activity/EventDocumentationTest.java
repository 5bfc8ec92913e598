package coop.cluster.activity;

import coop.cluster.plumbing.events.EventDescriptor;
import coop.cluster.testing.docs.EventDocs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every event this service publishes is documented: in the AsyncAPI file, the events page and its
 * canvas.
 */
class EventDocumentationTest {

    @Test
    void everyPublishedEventIsDocumented() {
        Map<String, String> published = new LinkedHashMap<>();
        for (EventDescriptor event : new ActivityApplication().eventCatalog().descriptors()) {
            published.put(event.ceType(), event.topic());
        }
        EventDocs.assertDocumented("activity-service", published);
    }
}
