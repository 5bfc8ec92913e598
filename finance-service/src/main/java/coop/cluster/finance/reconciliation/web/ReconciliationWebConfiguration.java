package coop.cluster.finance.reconciliation.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.ObjectMapper;

/**
 * The reconciliation endpoints' own filter: every problem with its code ({@link
 * ProblemCodeFilter}).
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationWebConfiguration {

    @Bean
    FilterRegistrationBean<ProblemCodeFilter> reconciliationProblemCodeFilter(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new ProblemCodeFilter(json));
        registration.addUrlPatterns("/api/finance/reconciliation/*");
        // outside the platform's size limit (HIGHEST_PRECEDENCE + 1) and security, whose problems
        // it codes too
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
