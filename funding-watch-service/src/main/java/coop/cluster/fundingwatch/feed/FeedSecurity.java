package coop.cluster.fundingwatch.feed;

import coop.cluster.fundingwatch.feed.web.FeedSignatureFilter;
import coop.cluster.plumbing.security.SecurityChainCustomizer;
import coop.cluster.plumbing.web.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/** Signed feed pushes are authenticated before bearer tokens are looked at. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedRegistry.class)
class FeedSecurity {

    @Bean
    FeedSignatures feedSignatures(FeedRegistry registry, FeedSecrets secrets, Clock clock) {
        return new FeedSignatures(registry, secrets, clock);
    }

    @Bean
    SecurityChainCustomizer feedSignatureAuthentication(
            FeedSignatures signatures, ProblemWriter problems, MeterRegistry meters) {
        FeedSignatureFilter filter = new FeedSignatureFilter(signatures, problems, meters);
        return http -> http.addFilterBefore(filter, BearerTokenAuthenticationFilter.class);
    }
}
