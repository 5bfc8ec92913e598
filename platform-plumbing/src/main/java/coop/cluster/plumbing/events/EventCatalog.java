package coop.cluster.plumbing.events;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The events a service publishes. Each service declares one catalog bean; the plumbing creates the
 * topics from it and refuses to publish anything that is not in it.
 */
public final class EventCatalog {

    private final Map<Class<?>, EventDescriptor> byClass = new LinkedHashMap<>();

    private EventCatalog(Collection<Class<?>> types) {
        Map<String, Class<?>> byCeType = new LinkedHashMap<>();
        for (Class<?> type : types) {
            EventDescriptor descriptor = EventDescriptor.of(type);
            Class<?> clash = byCeType.putIfAbsent(descriptor.ceType(), type);
            if (clash != null) {
                throw new IllegalArgumentException(
                        "Event type "
                                + descriptor.ceType()
                                + " is declared by both "
                                + clash.getName()
                                + " and "
                                + type.getName());
            }
            byClass.put(type, descriptor);
        }
    }

    public static EventCatalog of(Class<?>... types) {
        return new EventCatalog(List.of(types));
    }

    public static EventCatalog empty() {
        return new EventCatalog(List.of());
    }

    public EventDescriptor describe(Class<?> type) {
        EventDescriptor descriptor = byClass.get(type);
        if (descriptor == null) {
            throw new IllegalArgumentException(
                    type.getName() + " is not in this service's event catalog");
        }
        return descriptor;
    }

    public Collection<EventDescriptor> descriptors() {
        return List.copyOf(byClass.values());
    }

    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        byClass.values().forEach(d -> topics.add(d.topic()));
        return topics;
    }
}
