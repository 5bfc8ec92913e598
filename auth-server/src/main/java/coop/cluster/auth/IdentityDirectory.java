package coop.cluster.auth;

import coop.cluster.auth.IdentityProperties.Client;
import coop.cluster.auth.IdentityProperties.User;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients this issuer knows: those of {@code cluster.identity.clients} plus, when demo seeding
 * is on, those of {@link DemoIdentities}. People (the login form's users) are no longer here: they
 * live in the identity store ({@code coop.cluster.auth.people}, docs/people.md); {@code
 * cluster.identity.users} is still read, to warn that it is ignored.
 *
 * <p>The configured identities, read at start: the clients among them are written to the store at
 * every start ({@code coop.cluster.auth.oauth}), where the clients created through the API, the
 * authorizations and the consents live too.
 */
public final class IdentityDirectory {

    private static final Logger log = LoggerFactory.getLogger(IdentityDirectory.class);

    private final Map<String, User> users;
    private final Map<String, Client> clients;

    IdentityDirectory(List<User> users, List<Client> clients) {
        this.users = index(users, User::username, "user");
        this.clients = index(clients, Client::clientId, "client");
        if (this.clients.isEmpty()) {
            throw new IllegalStateException(
                    "No OAuth 2 client is registered: configure cluster.identity.clients, or set"
                        + " cluster.identity.demo.enabled=true (CLUSTER_IDENTITY_DEMO_ENABLED=true)"
                        + " for the demo identities of docs/identity.md");
        }
    }

    /**
     * The configured identities plus, when {@code demo.enabled}, the demo ones, whose passwords and
     * secrets are hashed here, at start-up.
     */
    static IdentityDirectory from(
            IdentityProperties properties, UnaryOperator<String> hash, Validator validator) {
        List<User> users = new ArrayList<>(properties.users());
        List<Client> clients = new ArrayList<>(properties.clients());
        if (!users.isEmpty()) {
            log.warn(
                    "cluster.identity.users {} are ignored: people live in the identity store now"
                        + " (docs/people.md); invite them, or name the first platform administrator"
                        + " with cluster.identity.bootstrap-admin.email",
                    names(users, User::username));
        }
        if (properties.demo().enabled()) {
            List<Client> demoClients = DemoIdentities.clients(hash);
            validate(DemoIdentities.users(hash), validator);
            validate(demoClients, validator);
            clients.addAll(demoClients);
            log.warn(
                    "Demo clients are enabled (cluster.identity.demo.enabled=true): {} authenticate"
                            + " with the well-known secrets of docs/identity.md. Development only,"
                            + " never in production.",
                    names(demoClients, Client::clientId));
        }
        IdentityDirectory directory = new IdentityDirectory(users, clients);
        log.info(
                "Clients registered for issuer {}: {}",
                properties.issuer(),
                directory.clients.keySet());
        return directory;
    }

    public Optional<User> user(String username) {
        return Optional.ofNullable(users.get(username));
    }

    public Optional<Client> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    public List<User> users() {
        return List.copyOf(users.values());
    }

    public List<Client> clients() {
        return List.copyOf(clients.values());
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key, String kind) {
        Map<String, T> index = new LinkedHashMap<>();
        for (T item : items) {
            if (index.putIfAbsent(key.apply(item), item) != null) {
                throw new IllegalStateException(
                        "The "
                                + kind
                                + " '"
                                + key.apply(item)
                                + "' is registered twice "
                                + "(in cluster.identity and/or the demo identities)");
            }
        }
        return Collections.unmodifiableMap(index);
    }

    private static <T> void validate(List<T> items, Validator validator) {
        for (T item : items) {
            Set<ConstraintViolation<T>> violations = validator.validate(item);
            if (!violations.isEmpty()) {
                throw new IllegalStateException(
                        "Invalid demo identity "
                                + item
                                + ": "
                                + violations.stream()
                                        .map(v -> v.getPropertyPath() + " " + v.getMessage())
                                        .collect(Collectors.joining("; ")));
            }
        }
    }

    private static <T> List<String> names(List<T> items, Function<T, String> name) {
        return items.stream().map(name).toList();
    }
}
