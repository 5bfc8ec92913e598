package coop.cluster.auth.people.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** The issuer's pages speak French or English ({@link PageLocale}). */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration {

    @Bean
    LocaleResolver localeResolver() {
        return new PageLocale();
    }
}
