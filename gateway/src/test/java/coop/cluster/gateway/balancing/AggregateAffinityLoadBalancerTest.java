package coop.cluster.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

class AggregateAffinityLoadBalancerTest {

    private static ServiceInstance instance(int port) {
        return new DefaultServiceInstance(null, "membership-service", "127.0.0.1", port, false);
    }

    @Test
    void theAggregateIsTheFirstUuidOfThePath() {
        String id = "0b6f5a4e-2c1d-4e8f-9a7b-3c2d1e0f9a8b";
        assertThat(
                        AggregateAffinityLoadBalancer.aggregateIn(
                                "/api/members/" + id + "/admit", List.of()))
                .contains(id);
        assertThat(
                        AggregateAffinityLoadBalancer.aggregateIn(
                                "/api/invitations/" + id.toUpperCase() + "/accept", List.of()))
                .contains(id);
        assertThat(
                        AggregateAffinityLoadBalancer.aggregateIn(
                                "/api/members/applications", List.of()))
                .isEmpty();
        assertThat(
                        AggregateAffinityLoadBalancer.aggregateIn(
                                "/api/members/" + id + "x/admit", List.of()))
                .isEmpty();
        List<String> ledger = List.of("/api/finance/ledger/");
        assertThat(
                        AggregateAffinityLoadBalancer.aggregateIn(
                                "/api/finance/ledger/entries/batch", ledger))
                .contains("/api/finance/ledger/");
        assertThat(AggregateAffinityLoadBalancer.aggregateIn("/api/finance/expenses", ledger))
                .isEmpty();
    }

    @Test
    void eachAggregateHasOneOwnerWhateverTheOrderOfTheListAndOnlyALeaversAggregatesMove() {
        List<ServiceInstance> three = List.of(instance(8081), instance(8181), instance(8281));
        List<ServiceInstance> reversed = new ArrayList<>(three);
        java.util.Collections.reverse(reversed);
        List<ServiceInstance> two = List.of(instance(8081), instance(8181));
        Map<Integer, Integer> held = new HashMap<>();
        int moved = 0;
        for (int i = 0; i < 3000; i++) {
            String id = UUID.randomUUID().toString();
            ServiceInstance owner = AggregateAffinityLoadBalancer.owner(three, id);
            assertThat(AggregateAffinityLoadBalancer.owner(reversed, id).getPort())
                    .isEqualTo(owner.getPort());
            held.merge(owner.getPort(), 1, Integer::sum);
            ServiceInstance afterLeave = AggregateAffinityLoadBalancer.owner(two, id);
            if (owner.getPort() != 8281) {
                assertThat(afterLeave.getPort())
                        .as("an aggregate of a remaining instance stays")
                        .isEqualTo(owner.getPort());
            } else {
                moved++;
            }
        }
        assertThat(held.values()).allSatisfy(count -> assertThat(count).isBetween(850, 1150));
        assertThat(moved).isEqualTo(held.get(8281));
    }
}
