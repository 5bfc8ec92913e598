package coop.cluster.auth.login;

import coop.cluster.auth.login.persistence.LoginFailureStore;
import coop.cluster.auth.login.persistence.LoginThrottleStore;
import coop.cluster.plumbing.events.EventFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Login protection: the throttle, the record of failures, and the login form's authentication
 * manager.
 *
 * <p>{@link #loginAuthenticationManager} has no parent manager: a login refused by the throttle
 * must not be tried again by another manager that knows the same people.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginProperties.class)
public class LoginProtectionConfig {

    @Bean
    LoginThrottle loginThrottle(LoginThrottleStore store, LoginProperties properties, Clock clock) {
        return new LoginThrottle(store, properties, clock);
    }

    @Bean
    LoginFailures loginFailures(LoginFailureStore store, EventFactory events, Clock clock) {
        return new LoginFailures(store, events, clock);
    }

    /** For the login form's chain only (AuthorizationServerConfig). */
    @Bean
    ThrottledPasswordAuthentication throttledPasswordAuthentication(
            UserDetailsService people,
            PasswordEncoder passwordEncoder,
            LoginThrottle throttle,
            LoginFailures failures) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(people);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledPasswordAuthentication(passwords, throttle, failures, passwordEncoder);
    }

    /**
     * @param others the other ways to log in on the same pages (upstream providers), each refusing
     *     for itself
     */
    public static AuthenticationManager loginAuthenticationManager(
            ThrottledPasswordAuthentication authentication, List<AuthenticationProvider> others) {
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(authentication);
        providers.addAll(others);
        ProviderManager manager = new ProviderManager(providers);
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }
}
