package coop.cluster.plumbing.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own URL rules, applied before the default "every {@code /api/**} request needs a
 * token". Most rights belong on the controller ({@code @PreAuthorize}) and in the feature code
 * (object-level checks with {@link Caller}); use this only for requests that authenticate
 * otherwise, such as signed feed pushes.
 */
@FunctionalInterface
public interface RequestRules {

    void apply(
            AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry);
}
