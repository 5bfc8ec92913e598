package coop.cluster.notification.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.plumbing.consumer.EventSubscription;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The calendar's subscriptions are documented like the others ({@code ConsumerDocumentationTest}):
 * the consumer group in the AsyncAPI file, the name in docs/events.md, the row (name and topic) in
 * the "Calendar feed" section of docs/notifications.md.
 */
class CalendarDocumentationTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void everyCalendarSubscriptionIsDocumented() throws Exception {
        String asyncApi = Files.readString(DOCS.resolve("asyncapi.yaml"));
        String canvas = Files.readString(DOCS.resolve("notifications.md"));
        String calendarSection = canvas.substring(canvas.indexOf("## Calendar feed"));
        String events = Files.readString(DOCS.resolve("events.md"));
        List<EventSubscription> subscriptions = subscriptions();
        assertThat(subscriptions).hasSize(6);
        for (EventSubscription subscription : subscriptions) {
            assertThat(subscription.name()).startsWith("calendar-");
            String group = "notification-service." + subscription.name();
            assertThat(asyncApi)
                    .as("asyncapi.yaml names " + group)
                    .contains("(group " + group + ")");
            assertThat(events)
                    .as("events.md names " + subscription.name())
                    .contains("(`" + subscription.name() + "`:");
            for (String topic : subscription.topics()) {
                assertThat(asyncApi).contains("address: " + topic);
                assertThat(calendarSection)
                        .as("notifications.md has the row of " + subscription.name())
                        .contains("| `" + subscription.name() + "` | `" + topic + "` |");
            }
        }
    }

    private static List<EventSubscription> subscriptions() throws ReflectiveOperationException {
        CalendarSubscriptions declared = new CalendarSubscriptions(null);
        List<EventSubscription> found = new ArrayList<>();
        for (Method method : CalendarSubscriptions.class.getDeclaredMethods()) {
            if (method.getReturnType() == EventSubscription.class
                    && method.getParameterCount() == 0) {
                method.setAccessible(true);
                found.add((EventSubscription) method.invoke(declared));
            }
        }
        return found;
    }
}
