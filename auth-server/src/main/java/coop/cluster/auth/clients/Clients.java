package coop.cluster.auth.clients;

import coop.cluster.auth.ClientRegistrations;
import coop.cluster.auth.IdentityProperties.Client;
import coop.cluster.auth.IdentityProperties.ClientType;
import coop.cluster.auth.IdentityProperties.Grant;
import coop.cluster.auth.Role;
import coop.cluster.auth.oauth.ClientRecord;
import coop.cluster.auth.oauth.RegisteredClients;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.web.ProblemException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Machine clients managed through the API: a feed client is created with a generated secret, shown
 * once (only its bcrypt hash is kept); its secret is rotated (the old one stops working at once, on
 * every issuer instance, since clients are read from the store on each request); it is revoked
 * (unknown from then on, and its authorizations deleted). Each change is one single-document write
 * carrying its {@link ClientChanged} event (the outbox), through the issuer's clients ({@link
 * RegisteredClients}).
 *
 * <p>Clients of the configuration are not managed here (409): the configuration would win at the
 * next start.
 */
public class Clients {

    /** 32 random bytes, URL-safe Base64: 43 characters. */
    private static final int SECRET_BYTES = 32;

    private static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(15);
    private static final Duration REFRESH_TOKEN_TTL = Duration.ofHours(8);

    /** A client and, once, its secret in clear. */
    public record Issued(RegisteredClient client, String secret) {}

    private final RegisteredClients clients;
    private final EventFactory events;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Clients(
            RegisteredClients clients,
            EventFactory events,
            PasswordEncoder passwordEncoder,
            Clock clock) {
        this.clients = clients;
        this.events = events;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /** The clients not revoked, by client id. */
    public RegisteredClients.Page list(int page, int size) {
        return clients.active(page, size);
    }

    /** A confidential client_credentials client with role {@code feed} for {@code feedId}. */
    public Issued createFeedClient(String clientId, String feedId, String by) {
        String secret = newSecret();
        RegisteredClient client =
                ClientRegistrations.of(
                        new Client(
                                clientId,
                                passwordEncoder.encode(secret),
                                ClientType.CONFIDENTIAL,
                                Set.of(Grant.CLIENT_CREDENTIALS),
                                List.of(),
                                List.of(),
                                List.of(Role.FEED),
                                feedId,
                                ACCESS_TOKEN_TTL,
                                REFRESH_TOKEN_TTL));
        try {
            clients.add(
                    ClientRecord.createdThroughTheApi(client, by, clock.instant()),
                    List.of(event(clientId, ClientChanged.CREATED, by)));
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("client-exists", clientId);
        }
        return new Issued(client, secret);
    }

    public Issued rotateSecret(String clientId, String by) {
        ClientRecord managed = managed(clientId);
        String secret = newSecret();
        ClientRecord rotated =
                clients.update(
                        managed.withSecret(passwordEncoder.encode(secret)),
                        List.of(event(clientId, ClientChanged.SECRET_ROTATED, by)));
        return new Issued(rotated.registration(), secret);
    }

    public void revoke(String clientId, String by) {
        clients.revoke(
                managed(clientId),
                clock.instant(),
                List.of(event(clientId, ClientChanged.REVOKED, by)));
    }

    private ClientRecord managed(String clientId) {
        ClientRecord client = clients.find(clientId).orElse(null);
        if (client == null || client.isRevoked()) {
            throw ProblemException.notFound("client", clientId);
        }
        if (!client.isFromApi()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "client-managed-by-configuration", clientId);
        }
        return client;
    }

    private PendingEvent event(String clientId, String change, String by) {
        return events.create("clients", clientId, new ClientChanged(clientId, change, by));
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
