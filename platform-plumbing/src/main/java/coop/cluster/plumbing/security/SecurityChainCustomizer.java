package coop.cluster.plumbing.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Adds to the service's security filter chain, for instance a filter that authenticates requests
 * signed with a shared secret. Applied after the platform's defaults, before the chain is built.
 */
@FunctionalInterface
public interface SecurityChainCustomizer {

    void customize(HttpSecurity http) throws Exception;
}
