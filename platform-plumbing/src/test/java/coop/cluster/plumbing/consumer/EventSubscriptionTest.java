package coop.cluster.plumbing.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventSubscriptionTest {

    record Payload(String id) {}

    @Test
    void namesItsGroupAndDeadLetterTopicAfterTheApplicationAndItself() {
        EventSubscription subscription =
                EventSubscription.named("member-accounts")
                        .topics("membership.members")
                        .on("cluster.membership.member.applied.v1", Payload.class, event -> {})
                        .build();

        assertThat(EventConsumers.groupId("finance-service", subscription))
                .isEqualTo("finance-service.member-accounts");
        assertThat(EventConsumers.deadLetterTopic("finance-service", subscription))
                .isEqualTo("finance-service.member-accounts.dlt");
        assertThat(subscription.route("cluster.membership.member.applied.v1").payloadType())
                .isEqualTo(Payload.class);
        assertThat(subscription.route("cluster.membership.member.left.v1")).isNull();
    }

    @Test
    void refusesTwoHandlersForOneTypeAndEmptySubscriptions() {
        var builder =
                EventSubscription.named("x").topics("t").on("a.b.v1", Payload.class, event -> {});

        assertThatThrownBy(() -> builder.on("a.b.v1", Payload.class, event -> {}))
                .hasMessageContaining("Two handlers");
        assertThatThrownBy(() -> EventSubscription.named("y").build())
                .hasMessageContaining("at least one topic");
        assertThatThrownBy(() -> EventSubscription.named("Not Kebab"))
                .hasMessageContaining("kebab");
    }

    @Test
    void routesSeveralTypesOfOnePrefixToOneHandler() {
        EventSubscription subscription =
                EventSubscription.named("member-view")
                        .topics("membership.members")
                        .on(
                                "cluster.membership.member.",
                                List.of("suspended.v1", "left.v1"),
                                Payload.class,
                                event -> {})
                        .build();

        assertThat(subscription.route("cluster.membership.member.suspended.v1").payloadType())
                .isEqualTo(Payload.class);
        assertThat(subscription.route("cluster.membership.member.left.v1").payloadType())
                .isEqualTo(Payload.class);
        assertThat(subscription.route("cluster.membership.member.applied.v1")).isNull();
        assertThatThrownBy(
                        () ->
                                EventSubscription.named("twice")
                                        .topics("t")
                                        .on(
                                                "a.",
                                                List.of("b.v1", "b.v1"),
                                                Payload.class,
                                                event -> {}))
                .hasMessageContaining("Two handlers");
    }
}
