package coop.cluster.web.api;

import coop.cluster.web.WebProperties;
import java.net.http.HttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The one way from the console to the platform: the gateway's API, with the signed-in person's
 * access token (refreshed by the {@link OAuth2AuthorizedClientManager} when needed) and short
 * timeouts.
 */
@Configuration(proxyBeanMethods = false)
class ApiClientConfiguration {

    /**
     * The gateway's anonymous API ({@code /api/public/**}), for visitors: no token, same timeouts.
     */
    @Bean
    RestClient publicGatewayApi(RestClient.Builder builder, WebProperties properties) {
        return builder.baseUrl(properties.apiUrl().toString())
                .requestFactory(requests(properties))
                .requestInterceptor(acceptLanguage())
                .build();
    }

    @Bean
    @Primary
    RestClient gatewayApi(
            RestClient.Builder builder,
            WebProperties properties,
            OAuth2AuthorizedClientManager authorizedClients) {
        OAuth2ClientHttpRequestInterceptor bearer =
                new OAuth2ClientHttpRequestInterceptor(authorizedClients);
        bearer.setClientRegistrationIdResolver(request -> "cluster");
        return builder.baseUrl(properties.apiUrl().toString())
                .requestFactory(requests(properties))
                .requestInterceptor(bearer)
                .requestInterceptor(acceptLanguage())
                .build();
    }

    private static JdkClientHttpRequestFactory requests(WebProperties properties) {
        HttpClient http =
                HttpClient.newBuilder()
                        .connectTimeout(properties.apiTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.apiTimeout());
        return requests;
    }

    /** Problems come back in the reader's language (the services answer in French or English). */
    private static ClientHttpRequestInterceptor acceptLanguage() {
        return (request, body, execution) -> {
            request.getHeaders()
                    .set(
                            HttpHeaders.ACCEPT_LANGUAGE,
                            LocaleContextHolder.getLocale().toLanguageTag());
            return execution.execute(request, body);
        };
    }
}
