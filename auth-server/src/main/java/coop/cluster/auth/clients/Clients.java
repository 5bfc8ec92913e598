package coop.cluster.auth.clients;

import coop.cluster.auth.ClientRegistrations;
import coop.cluster.auth.IdentityProperties.Client;
import coop.cluster.auth.IdentityProperties.ClientType;
import coop.cluster.auth.IdentityProperties.Grant;
import coop.cluster.auth.Role;
import coop.cluster.auth.oauth.MongoAuthorizationService;
import coop.cluster.auth.oauth.MongoRegisteredClientRepository;
import coop.cluster.auth.oauth.StoredClient;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.web.ProblemException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Machine clients managed through the API: a feed client is created with a generated secret, shown once (only its
 * bcrypt hash is kept); its secret is rotated (the old one stops working at once, on every issuer instance, since
 * clients are read from the store on each request); it is revoked (unknown from then on, and its authorizations
 * deleted). Each change is one single-document write carrying its {@link ClientChanged} event (the outbox).
 *
 * <p>Clients of the configuration are not managed here (409): the configuration would win at the next start.
 */
public class Clients {

    /** 32 random bytes, URL-safe Base64: 43 characters. */
    private static final int SECRET_BYTES = 32;
    private static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(15);
    private static final Duration REFRESH_TOKEN_TTL = Duration.ofHours(8);

    /** A client and, once, its secret in clear. */
    public record Issued(RegisteredClient client, String secret) {
    }

    /** One page of clients. */
    public record Page(List<StoredClient> clients, long total) {
    }

    private final MongoTemplate mongo;
    private final MongoRegisteredClientRepository repository;
    private final MongoAuthorizationService authorizations;
    private final OutboxWriter outbox;
    private final EventFactory events;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Clients(MongoTemplate mongo, MongoRegisteredClientRepository repository,
            MongoAuthorizationService authorizations, OutboxWriter outbox, EventFactory events,
            PasswordEncoder passwordEncoder, Clock clock) {
        this.mongo = mongo;
        this.repository = repository;
        this.authorizations = authorizations;
        this.outbox = outbox;
        this.events = events;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    public Page list(int page, int size) {
        Query active = Query.query(Criteria.where("revokedAt").exists(false));
        long total = mongo.count(active, StoredClient.class);
        List<StoredClient> clients = mongo.find(Query.query(Criteria.where("revokedAt").exists(false))
                .with(Sort.by("clientId")).skip((long) page * size).limit(size), StoredClient.class);
        return new Page(clients, total);
    }

    public RegisteredClient registered(StoredClient stored) {
        return repository.toRegisteredClient(stored);
    }

    /** A confidential client_credentials client with role {@code feed} for {@code feedId}. */
    public Issued createFeedClient(String clientId, String feedId, String by) {
        String secret = newSecret();
        RegisteredClient client = ClientRegistrations.of(new Client(clientId, passwordEncoder.encode(secret),
                ClientType.CONFIDENTIAL, Set.of(Grant.CLIENT_CREDENTIALS), List.of(), List.of(), List.of(Role.FEED),
                feedId, ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL));
        StoredClient stored = repository.toStored(client);
        stored.markCreated(StoredClient.FROM_API, by, clock.instant());
        try {
            outbox.insert(stored, List.of(event(clientId, ClientChanged.CREATED, by)));
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("client-exists", clientId);
        }
        return new Issued(client, secret);
    }

    public Issued rotateSecret(String clientId, String by) {
        StoredClient stored = managed(clientId);
        String secret = newSecret();
        stored.secret(passwordEncoder.encode(secret));
        stored = outbox.update(stored, List.of(event(clientId, ClientChanged.SECRET_ROTATED, by)));
        return new Issued(repository.toRegisteredClient(stored), secret);
    }

    public void revoke(String clientId, String by) {
        StoredClient stored = managed(clientId);
        stored.revoke(clock.instant());
        outbox.update(stored, List.of(event(clientId, ClientChanged.REVOKED, by)));
        authorizations.removeAllOfClient(stored.id());
    }

    private StoredClient managed(String clientId) {
        StoredClient stored = mongo.findOne(Query.query(Criteria.where("clientId").is(clientId)), StoredClient.class);
        if (stored == null || stored.isRevoked()) {
            throw ProblemException.notFound("client", clientId);
        }
        if (!StoredClient.FROM_API.equals(stored.origin())) {
            throw new ProblemException(HttpStatus.CONFLICT, "client-managed-by-configuration", clientId);
        }
        return stored;
    }

    private coop.cluster.plumbing.events.PendingEvent event(String clientId, String change, String by) {
        return events.create("clients", clientId, new ClientChanged(clientId, change, by));
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
