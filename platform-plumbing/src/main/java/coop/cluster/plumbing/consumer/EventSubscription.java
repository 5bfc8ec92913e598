package coop.cluster.plumbing.consumer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one consumer of a service reads: a name (its consumer group is {@code <application>.<name>},
 * its dead-letter topic {@code <application>.<name>.dlt}), the topics, and a handler per event
 * type. Event types it does not list are skipped, so a publisher can add new types without breaking
 * anyone.
 */
public final class EventSubscription {

    private final String name;
    private final List<String> topics;
    private final Map<String, Route<?>> routes;
    private final int concurrency;

    private EventSubscription(Builder builder) {
        this.name = builder.name;
        this.topics = List.copyOf(builder.topics);
        this.routes = Map.copyOf(builder.routes);
        this.concurrency = builder.concurrency;
        if (topics.isEmpty() || routes.isEmpty()) {
            throw new IllegalArgumentException(
                    "Subscription " + name + " needs at least one topic and one handler");
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<String> topics() {
        return topics;
    }

    public int concurrency() {
        return concurrency;
    }

    /**
     * The CloudEvents types this subscription handles, each with the type its payload is read into:
     * what the consumer's contract test checks against the producer's schema, and its documentation
     * test against the docs.
     */
    public Map<String, Class<?>> payloadTypes() {
        Map<String, Class<?>> types = new TreeMap<>();
        routes.forEach((type, route) -> types.put(type, route.payloadType()));
        return types;
    }

    Route<?> route(String ceType) {
        return routes.get(ceType);
    }

    /**
     * Whether a route of this subscription takes its events in batches ({@link Builder#onBatch}):
     * its consumers are then handed each poll's records together.
     */
    public boolean batched() {
        return routes.values().stream().anyMatch(Route::batched);
    }

    /**
     * A type's handler: one event at a time ({@code handler}), or the events of a poll together
     * ({@code batch}).
     */
    record Route<T>(Class<T> payloadType, EventHandler<T> handler, BatchHandler<T> batch) {

        boolean batched() {
            return batch != null;
        }
    }

    public static final class Builder {
        private final String name;
        private final List<String> topics = new ArrayList<>();
        private final Map<String, Route<?>> routes = new LinkedHashMap<>();
        private int concurrency = 1;

        private Builder(String name) {
            if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException(
                        "Subscription name must be lower-case kebab, was: " + name);
            }
            this.name = name;
        }

        public Builder topics(String... names) {
            topics.addAll(List.of(names));
            return this;
        }

        /**
         * @param ceType the CloudEvents type with its version, e.g. {@code
         *     cluster.membership.member.applied.v1}
         */
        public <T> Builder on(String ceType, Class<T> payloadType, EventHandler<T> handler) {
            Objects.requireNonNull(payloadType);
            Objects.requireNonNull(handler);
            return route(ceType, new Route<>(payloadType, handler, null));
        }

        /**
         * As {@link #on}, for several types read into one payload class by one handler: the types
         * {@code prefix + name} for each of {@code names}, e.g. {@code
         * on("cluster.membership.member.", List.of("suspended.v1", "left.v1"), StatusChange.class,
         * this::status)}.
         */
        public <T> Builder on(
                String prefix,
                java.util.Collection<String> names,
                Class<T> payloadType,
                EventHandler<T> handler) {
            for (String name : names) {
                on(prefix + name, payloadType, handler);
            }
            return this;
        }

        /**
         * As {@link #on}, but the handler is given the events of this type of one poll together, in
         * their order (consecutive events of the type: an event of another type in between splits
         * them), so that it can write their effects in a few bulk writes. See {@link BatchHandler}
         * for what it must guarantee.
         */
        public <T> Builder onBatch(String ceType, Class<T> payloadType, BatchHandler<T> handler) {
            Objects.requireNonNull(payloadType);
            Objects.requireNonNull(handler);
            return route(ceType, new Route<>(payloadType, null, handler));
        }

        private Builder route(String ceType, Route<?> route) {
            if (routes.putIfAbsent(ceType, route) != null) {
                throw new IllegalArgumentException("Two handlers for " + ceType + " in " + name);
            }
            return this;
        }

        public Builder concurrency(int consumers) {
            this.concurrency = consumers;
            return this;
        }

        public EventSubscription build() {
            return new EventSubscription(this);
        }
    }
}
