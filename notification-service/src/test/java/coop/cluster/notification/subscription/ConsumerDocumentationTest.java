package coop.cluster.notification.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.plumbing.consumer.EventSubscription;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every subscription of this service is documented: its consumer group in the AsyncAPI file's
 * operations, its row (name and topic) in the canvas docs/notifications.md, and the group in
 * docs/events.md.
 */
class ConsumerDocumentationTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void everySubscriptionIsDocumented() throws Exception {
        String asyncApi = Files.readString(DOCS.resolve("asyncapi.yaml"));
        String canvas = Files.readString(DOCS.resolve("notifications.md"));
        String events = Files.readString(DOCS.resolve("events.md"));
        List<EventSubscription> subscriptions = subscriptions();
        assertThat(subscriptions).hasSize(10);
        for (EventSubscription subscription : subscriptions) {
            String group = "notification-service." + subscription.name();
            assertThat(asyncApi)
                    .as("asyncapi.yaml names " + group)
                    .contains("(group " + group + ")");
            assertThat(events)
                    .as("events.md names " + subscription.name())
                    .contains("(`" + subscription.name() + "`:");
            for (String topic : subscription.topics()) {
                assertThat(asyncApi)
                        .as("asyncapi.yaml has the channel " + topic)
                        .contains("address: " + topic);
                assertThat(canvas)
                        .as("notifications.md has the row of " + subscription.name())
                        .contains("| `" + subscription.name() + "` | `" + topic + "` |");
            }
        }
    }

    /** The subscriptions as the application declares them (their handlers are not called here). */
    private static List<EventSubscription> subscriptions()
            throws IOException, ReflectiveOperationException {
        Subscriptions declared = new Subscriptions(null, null, null);
        List<EventSubscription> found = new ArrayList<>();
        for (Method method : Subscriptions.class.getDeclaredMethods()) {
            if (method.getReturnType() == EventSubscription.class
                    && method.getParameterCount() == 0) {
                method.setAccessible(true);
                found.add((EventSubscription) method.invoke(declared));
            }
        }
        return found;
    }
}
