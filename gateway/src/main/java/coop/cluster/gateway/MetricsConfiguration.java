package coop.cluster.gateway;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps metric tags low-cardinality. What the gateway records by default:
 *
 * <ul>
 *   <li>{@code spring.cloud.gateway.requests}: routeId, routeUri, httpMethod, status (path tags
 *       off)
 *   <li>{@code http.client.requests} (gateway observation): route id and URI, method, status; the
 *       request URI is a high-cardinality key, so it goes to traces only
 *   <li>{@code http.server.requests}: {@code uri} is the matched pattern, {@code UNKNOWN} for
 *       proxied paths
 *   <li>{@code reactor.netty.connection.provider.*} (pool metrics): pool name, id and remote
 *       address, one per service. Reactor Netty's per-request HTTP client metrics, which would tag
 *       the raw URI, stay off.
 * </ul>
 *
 * This filter is the guard for later changes: if a meter of the proxy path ever gets a raw-path tag
 * (someone enables path tags or Reactor Netty client metrics), the tag is dropped instead of
 * creating a time series per URL.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    private static final List<String> PROXY_METERS =
            List.of("spring.cloud.gateway.", "http.client.", "reactor.netty.");
    private static final Set<String> RAW_PATH_TAGS = Set.of("uri", "path", "http.url", "url");

    @Bean
    MeterFilter noRawPathTagsOnProxyMeters() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (PROXY_METERS.stream().noneMatch(id.getName()::startsWith)) {
                    return id;
                }
                List<Tag> tags = id.getTags();
                List<Tag> kept =
                        tags.stream().filter(tag -> !RAW_PATH_TAGS.contains(tag.getKey())).toList();
                return kept.size() == tags.size() ? id : id.replaceTags(kept);
            }
        };
    }
}
