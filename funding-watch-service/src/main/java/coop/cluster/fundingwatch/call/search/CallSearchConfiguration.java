package coop.cluster.fundingwatch.call.search;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory call index, closed with the application. */
@Configuration(proxyBeanMethods = false)
class CallSearchConfiguration {

    @Bean(destroyMethod = "close")
    CallIndex callIndex(Clock clock) {
        return new CallIndex(clock);
    }
}
