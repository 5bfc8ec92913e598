package coop.cluster.gateway.balancing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * Picks the instance of a service for a request: a command on one aggregate ({@code POST
 * /api/members/{id}/admit}, {@code PUT /api/projects/{id}}, ...) always goes to the same instance
 * while the instances stay the same, so that instance's copy of the aggregate as it last wrote it
 * is current and the command costs the store one write, not a read and a write (the services'
 * {@code AggregateCache}); everything else — reads, and commands that name no aggregate, such as an
 * application or a ledger posting — is spread round robin, and a retried read goes to the next
 * instance.
 *
 * <p>The aggregate is the first path segment that is a UUID (every aggregate id of the platform is
 * one), or, for a path under one of the {@code singleWriterPaths} ({@code
 * cluster.gateway.affinity.single-writer-paths}: the ledger, whose journal has one sequence that
 * concurrent writers would race for), that path prefix itself: every command under it goes to one
 * instance. The instance is chosen by rendezvous hashing (highest random weight) of the id and each
 * instance's id: when an instance leaves or joins, only the aggregates it held or takes move, and a
 * command that lands elsewhere is still right — the other instance's stale copy fails its
 * conditional write and the command is decided again on the stored aggregate. Affinity is an
 * optimisation, never a condition of correctness.
 */
public class AggregateAffinityLoadBalancer implements ReactorServiceInstanceLoadBalancer {

    private static final Pattern AGGREGATE_ID =
            Pattern.compile(
                    "/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?=/|$)");

    private final ObjectProvider<ServiceInstanceListSupplier> instances;
    private final String serviceId;
    private final List<String> singleWriterPaths;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param singleWriterPaths path prefixes whose commands all go to one instance, such as the
     *     ledger's
     */
    public AggregateAffinityLoadBalancer(
            ObjectProvider<ServiceInstanceListSupplier> instances,
            String serviceId,
            List<String> singleWriterPaths) {
        this.instances = instances;
        this.serviceId = serviceId;
        this.singleWriterPaths = List.copyOf(singleWriterPaths);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Mono<Response<ServiceInstance>> choose(Request request) {
        ServiceInstanceListSupplier supplier =
                instances.getIfAvailable(NoopServiceInstanceListSupplier::new);
        Optional<String> aggregate = aggregateOf(request, singleWriterPaths);
        return supplier.get(request).next().map(list -> pick(list, aggregate));
    }

    private Response<ServiceInstance> pick(List<ServiceInstance> list, Optional<String> aggregate) {
        if (list.isEmpty()) {
            return new EmptyResponse();
        }
        if (aggregate.isEmpty() || list.size() == 1) {
            return new DefaultResponse(
                    list.get(Math.floorMod(next.getAndIncrement(), list.size())));
        }
        return new DefaultResponse(owner(list, aggregate.get()));
    }

    /**
     * The instance with the highest weight for {@code aggregate}: the same for the same list, in
     * any order.
     */
    static ServiceInstance owner(List<ServiceInstance> list, String aggregate) {
        ServiceInstance best = null;
        long bestWeight = Long.MIN_VALUE;
        for (ServiceInstance instance : list) {
            long weight = weight(aggregate, identity(instance));
            if (best == null
                    || weight > bestWeight
                    || weight == bestWeight && identity(instance).compareTo(identity(best)) < 0) {
                best = instance;
                bestWeight = weight;
            }
        }
        return best;
    }

    private static String identity(ServiceInstance instance) {
        return instance.getInstanceId() != null
                ? instance.getInstanceId()
                : instance.getHost() + ":" + instance.getPort();
    }

    /**
     * A 64-bit mix (FNV-1a, then a finaliser) of the aggregate and the instance: stable across runs
     * and JVMs.
     */
    static long weight(String aggregate, String instance) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (aggregate + "\u0000" + instance).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ (hash >>> 33);
    }

    /** The aggregate a command names, if the request is a command and names one. */
    static Optional<String> aggregateOf(Request<?> request, List<String> singleWriterPaths) {
        if (!(request.getContext() instanceof RequestDataContext context)
                || context.getClientRequest() == null) {
            return Optional.empty();
        }
        HttpMethod method = context.getClientRequest().getHttpMethod();
        if (method == null
                || HttpMethod.GET.equals(method)
                || HttpMethod.HEAD.equals(method)
                || HttpMethod.OPTIONS.equals(method)) {
            return Optional.empty();
        }
        URI url = context.getClientRequest().getUrl();
        return url == null ? Optional.empty() : aggregateIn(url.getRawPath(), singleWriterPaths);
    }

    static Optional<String> aggregateIn(String path, List<String> singleWriterPaths) {
        if (path == null) {
            return Optional.empty();
        }
        for (String prefix : singleWriterPaths) {
            if (path.startsWith(prefix)) {
                return Optional.of(prefix);
            }
        }
        Matcher id = AGGREGATE_ID.matcher(path);
        return id.find()
                ? Optional.of(id.group(1).toLowerCase(java.util.Locale.ROOT))
                : Optional.empty();
    }
}
