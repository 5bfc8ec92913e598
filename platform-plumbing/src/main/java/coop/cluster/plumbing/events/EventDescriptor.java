package coop.cluster.plumbing.events;

import java.util.Objects;

/** What the catalog knows of one published event type. */
public record EventDescriptor(Class<?> javaType, String type, int version, String topic) {

    public EventDescriptor {
        Objects.requireNonNull(javaType, "javaType");
        if (type == null || !type.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+")) {
            throw new IllegalArgumentException(
                    "Event type of "
                            + javaType.getName()
                            + " must be a dotted lower-case name, was: "
                            + type);
        }
        if (version < 1) {
            throw new IllegalArgumentException(
                    "Event version of " + javaType.getName() + " must be >= 1");
        }
        if (topic == null || !topic.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "Illegal topic for " + javaType.getName() + ": " + topic);
        }
    }

    /**
     * The CloudEvents {@code type} attribute: the name with its version, e.g. {@code
     * ...member.admitted.v1}.
     */
    public String ceType() {
        return type + ".v" + version;
    }

    public static EventDescriptor of(Class<?> javaType) {
        IntegrationEvent annotation = javaType.getAnnotation(IntegrationEvent.class);
        if (annotation == null) {
            throw new IllegalArgumentException(
                    javaType.getName() + " is not annotated with @IntegrationEvent");
        }
        return new EventDescriptor(
                javaType, annotation.type(), annotation.version(), annotation.topic());
    }
}
