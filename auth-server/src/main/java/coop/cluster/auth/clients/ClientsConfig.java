package coop.cluster.auth.clients;

import coop.cluster.auth.oauth.MongoAuthorizationService;
import coop.cluster.auth.oauth.MongoRegisteredClientRepository;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class ClientsConfig {

    @Bean
    Clients clients(MongoTemplate mongo, MongoRegisteredClientRepository repository,
            MongoAuthorizationService authorizations, OutboxWriter outbox, EventFactory events,
            PasswordEncoder passwordEncoder, Clock clock) {
        return new Clients(mongo, repository, authorizations, outbox, events, passwordEncoder, clock);
    }
}
