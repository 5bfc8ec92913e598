package coop.cluster.gateway.balancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@code lb://} route of the gateway balances with {@link AggregateAffinityLoadBalancer}
 * (used only when a service runs as several instances: {@code ./platform run --instances 2},
 * docs/scaling.md).
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = AggregateAffinityClientConfiguration.class)
public class AggregateAffinityConfiguration {}
