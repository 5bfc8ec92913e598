package coop.cluster.web.i18n;

import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * French first, English on request: {@code ?lang=en} (the switch in the header) is kept in a
 * cookie, the region comes from the browser ({@link ConsoleLocaleResolver}). Also maps the WebJars
 * under {@code /assets/}: at the gateway, {@code /webjars/**} is Swagger UI's.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        return new ConsoleLocaleResolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change =
                new LocaleChangeInterceptor() {
                    /** A language without bundles (say {@code de}) is ignored rather than kept. */
                    @Override
                    protected Locale parseLocaleValue(String value) {
                        return ConsoleLocaleResolver.supported(super.parseLocaleValue(value));
                    }
                };
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/");
    }
}
