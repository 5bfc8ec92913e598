package coop.cluster.auth.mfa;

import coop.cluster.auth.mfa.persistence.SecondFactorStore;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The second factor, with Spring Security 7's multi-factor support.
 *
 * <p>{@link #authorizationManagerFactory}: every {@code authenticated()} (and role) rule of the
 * filter chains (the authorization endpoint's among them) also requires the factors {@code
 * FACTOR_PASSWORD} and {@code FACTOR_TOTP} of the people whose roles need a second factor ({@code
 * cluster.identity.mfa.required-roles}); other people pass with their password alone. This is
 * {@code @EnableMultiFactorAuthentication} made conditional on the person: that annotation would
 * require both factors of everyone. A login missing {@code FACTOR_TOTP} is denied, and the chains'
 * access-denied handler for that missing authority sends the browser to {@code /mfa} (the request
 * is saved, and resumed once the code is given).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MfaProperties.class)
public class MfaConfig {

    @Bean
    SecondFactorPolicy secondFactorPolicy(MfaProperties properties) {
        return new SecondFactorPolicy(properties);
    }

    @Bean
    SecondFactors secondFactors(SecondFactorStore store, MfaProperties properties, Clock clock) {
        return new SecondFactors(store, properties, clock);
    }

    @Bean
    AuthorizationManagerFactory<Object> authorizationManagerFactory(SecondFactorPolicy policy) {
        AuthorizationManager<Object> bothFactors =
                AllRequiredFactorsAuthorizationManager.<Object>builder()
                        .requireFactor(factor -> factor.passwordAuthority())
                        .requireFactor(
                                factor -> factor.authority(SecondFactorPolicy.TOTP_AUTHORITY))
                        .build();
        // a login with an upstream provider (docs/identity.md) is the first factor instead of the
        // password
        AuthorizationManager<Object> upstreamAndCode =
                AllRequiredFactorsAuthorizationManager.<Object>builder()
                        .requireFactor(
                                factor ->
                                        factor.authority(
                                                FactorGrantedAuthority
                                                        .AUTHORIZATION_CODE_AUTHORITY))
                        .requireFactor(
                                factor -> factor.authority(SecondFactorPolicy.TOTP_AUTHORITY))
                        .build();
        AuthorizationDecision granted = new AuthorizationDecision(true);
        DefaultAuthorizationManagerFactory<Object> factory =
                new DefaultAuthorizationManagerFactory<>();
        factory.setAdditionalAuthorization(
                (authentication, object) -> {
                    Authentication current = authentication.get();
                    if (!policy.requires(current)) {
                        return granted;
                    }
                    return (SecondFactorPolicy.upstreamLogin(current)
                                    ? upstreamAndCode
                                    : bothFactors)
                            .authorize(authentication, object);
                });
        return factory;
    }
}
