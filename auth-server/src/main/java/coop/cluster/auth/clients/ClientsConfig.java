package coop.cluster.auth.clients;

import coop.cluster.auth.oauth.RegisteredClients;
import coop.cluster.plumbing.events.EventFactory;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class ClientsConfig {

    @Bean
    Clients clients(
            RegisteredClients clients,
            EventFactory events,
            PasswordEncoder passwordEncoder,
            Clock clock) {
        return new Clients(clients, events, passwordEncoder, clock);
    }
}
