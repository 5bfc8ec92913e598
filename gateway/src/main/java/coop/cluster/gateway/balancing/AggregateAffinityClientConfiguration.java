package coop.cluster.gateway.balancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The load balancer of each service, in Spring Cloud LoadBalancer's child context for that service.
 * Deliberately not annotated: it must not be picked up by the gateway's own component scan.
 */
public class AggregateAffinityClientConfiguration {

    @Bean
    ReactorLoadBalancer<ServiceInstance> aggregateAffinityLoadBalancer(
            Environment environment, LoadBalancerClientFactory factory) {
        String service = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        String[] singleWriterPaths =
                environment.getProperty(
                        "cluster.gateway.affinity.single-writer-paths",
                        String[].class,
                        new String[0]);
        return new AggregateAffinityLoadBalancer(
                factory.getLazyProvider(service, ServiceInstanceListSupplier.class),
                service,
                java.util.List.of(singleWriterPaths));
    }
}
