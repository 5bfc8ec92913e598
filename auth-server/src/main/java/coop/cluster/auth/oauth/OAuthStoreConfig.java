package coop.cluster.auth.oauth;

import coop.cluster.auth.oauth.persistence.AuthorizationStore;
import coop.cluster.auth.oauth.persistence.ClientStore;
import coop.cluster.auth.oauth.persistence.ConsentStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The authorization server's state on the store (docs/identity.md, "Where the issuer keeps its
 * state"): Spring Authorization Server's store interfaces implemented in {@code oauth.persistence},
 * the clients ({@link ClientStore}, a {@code RegisteredClientRepository}), the authorizations
 * ({@link AuthorizationStore}, an {@code OAuth2AuthorizationService}) and the consents ({@link
 * ConsentStore}, an {@code OAuth2AuthorizationConsentService}); here, what they need at start and
 * on a schedule.
 *
 * <p>The login session (the seconds between the authorization request, the login form, the second
 * factor and the redirect back to the client) is on the store too, in {@code
 * coop.cluster.auth.session}: every instance sees all of the issuer's state, and a load balancer
 * needs no sticky sessions.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class OAuthStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(OAuthStoreConfig.class);

    /**
     * At start: the indexes, and the clients of the configuration (and the demo ones) written over
     * the store's, so that the configuration wins for their ids; clients created through the API
     * stay as they are.
     */
    @Bean
    ApplicationRunner oauthStoreSeeding(
            AuthorizationStore authorizations, ClientStore clients, ConfiguredClients configured) {
        return args -> {
            authorizations.createIndexes();
            for (RegisteredClient client : configured.clients()) {
                clients.upsertFromConfiguration(client);
            }
            log.info(
                    "OAuth 2 clients of the configuration written to the store: {}",
                    configured.clients().stream().map(RegisteredClient::getClientId).toList());
        };
    }

    @Bean
    ExpiredAuthorizations expiredAuthorizations(AuthorizationStore authorizations) {
        return new ExpiredAuthorizations(authorizations);
    }

    /**
     * The clients of {@code cluster.identity.clients} and the demo ones, as Spring Authorization
     * Server sees them.
     */
    @FunctionalInterface
    public interface ConfiguredClients {
        List<RegisteredClient> clients();
    }

    /** Deletes expired authorizations every minute: the embedded store has no TTL index. */
    static final class ExpiredAuthorizations {

        private final AuthorizationStore authorizations;

        ExpiredAuthorizations(AuthorizationStore authorizations) {
            this.authorizations = authorizations;
        }

        @Scheduled(
                fixedDelayString = "${cluster.identity.expired-authorizations-sweep:PT1M}",
                initialDelay = 60_000)
        void sweep() {
            long deleted = authorizations.deleteExpired();
            if (deleted > 0) {
                log.debug("Deleted {} expired authorization(s)", deleted);
            }
        }
    }
}
