package coop.cluster.auth.upstream;

import coop.cluster.auth.people.People;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The upstream logins ({@link UpstreamProperties}); none unless configured. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamProperties.class)
class UpstreamConfiguration {

    @Bean
    UpstreamLogin upstreamLogin(UpstreamProperties properties, People people) {
        return new UpstreamLogin(properties, people);
    }
}
