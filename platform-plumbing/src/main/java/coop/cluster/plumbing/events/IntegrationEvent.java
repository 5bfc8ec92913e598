package coop.cluster.plumbing.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as an integration event: the published contract between services.
 *
 * <p>The wire type ({@code ce_type}) is {@code type + ".v" + version}, fixed here and never derived
 * from the Java class name, so renaming or moving the class cannot break a consumer. A breaking
 * change to the payload is a new version, published beside the old one until every consumer has
 * moved.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface IntegrationEvent {

    /** Stable, dotted name in the past tense, e.g. {@code cluster.membership.member.admitted}. */
    String type();

    /** Schema version of the payload, starting at 1. */
    int version() default 1;

    /** Topic the event is published to; all events of one aggregate type share one topic. */
    String topic();
}
