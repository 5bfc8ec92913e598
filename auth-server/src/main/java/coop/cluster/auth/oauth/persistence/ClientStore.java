package coop.cluster.auth.oauth.persistence;

import coop.cluster.auth.oauth.ClientRecord;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Repository;

/**
 * The OAuth 2 clients, in collection {@value ClientDocument#COLLECTION} of the identity database:
 * those of the configuration (rewritten at every start, {@link #upsertFromConfiguration}: the
 * configuration wins for its ids) and those created through the clients API, which only the store
 * knows. A revoked client is unknown to Spring Authorization Server ({@link
 * RegisteredClientRepository}); the clients API still finds it ({@link #find}).
 *
 * <p>Read from the store on every request that names a client, with no cache: a rotated secret or a
 * revoked client takes effect at once on every issuer instance. One read by the unique {@code
 * clientId} index.
 *
 * <p>A client created or changed through the API is one single-document write carrying its events
 * (the outbox), guarded by the document's version.
 */
@Repository
public class ClientStore implements RegisteredClientRepository {

    private final MongoTemplate mongo;
    private final OutboxWriter outbox;
    private final SecurityJson json = new SecurityJson();

    ClientStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /**
     * Saves a client registered by Spring Authorization Server itself (dynamic registration; unused
     * today).
     */
    @Override
    public void save(RegisteredClient client) {
        Objects.requireNonNull(client, "client");
        upsert(client, ClientRecord.FROM_API);
    }

    /** Writes a client of the configuration over whatever the store holds under its id. */
    public void upsertFromConfiguration(RegisteredClient client) {
        upsert(client, ClientRecord.FROM_CONFIGURATION);
    }

    private void upsert(RegisteredClient client, String origin) {
        ClientDocument stored = toStored(client);
        stored.origin = origin;
        Document raw = new Document();
        mongo.getConverter().write(stored, raw);
        Update update = new Update();
        raw.forEach(
                (field, value) -> {
                    if (!"_id".equals(field)
                            && !"version".equals(field)
                            && !"_class".equals(field)) {
                        update.set(field, value);
                    }
                });
        update.unset("revokedAt").inc("version", 1);
        mongo.upsert(
                Query.query(Criteria.where("_id").is(client.getId())),
                update,
                ClientDocument.COLLECTION);
    }

    @Override
    public RegisteredClient findById(String id) {
        return find(Criteria.where("_id").is(id));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return find(Criteria.where("clientId").is(clientId));
    }

    private RegisteredClient find(Criteria criteria) {
        ClientDocument stored = mongo.findOne(Query.query(criteria), ClientDocument.class);
        return stored == null || stored.isRevoked() ? null : toRegisteredClient(stored);
    }

    /** How many clients are not revoked. */
    public long countActive() {
        return mongo.count(active(), ClientDocument.class);
    }

    /** One page of the clients not revoked, by client id. */
    public List<ClientRecord> active(int page, int size) {
        return mongo
                .find(
                        active().with(Sort.by("clientId")).skip((long) page * size).limit(size),
                        ClientDocument.class)
                .stream()
                .map(this::toRecord)
                .toList();
    }

    private static Query active() {
        return Query.query(Criteria.where("revokedAt").exists(false));
    }

    /** The client {@code clientId}, revoked or not. */
    public Optional<ClientRecord> find(String clientId) {
        return Optional.ofNullable(
                        mongo.findOne(
                                Query.query(Criteria.where("clientId").is(clientId)),
                                ClientDocument.class))
                .map(this::toRecord);
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException if the id or the client id is taken
     */
    public ClientRecord add(ClientRecord client, List<PendingEvent> events) {
        return toRecord(outbox.insert(toDocument(client), events));
    }

    /**
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone changed the
     *     client meanwhile
     */
    public ClientRecord update(ClientRecord client, List<PendingEvent> events) {
        return toRecord(outbox.update(toDocument(client), events));
    }

    private ClientDocument toDocument(ClientRecord client) {
        ClientDocument stored = toStored(client.registration());
        stored.origin = client.origin();
        stored.createdBy = client.createdBy();
        stored.createdAt = client.createdAt();
        stored.revokedAt = client.revokedAt();
        stored.version = client.version();
        return stored;
    }

    private ClientRecord toRecord(ClientDocument stored) {
        return new ClientRecord(
                toRegisteredClient(stored),
                stored.origin,
                stored.createdBy,
                stored.createdAt,
                stored.revokedAt,
                stored.version);
    }

    private ClientDocument toStored(RegisteredClient client) {
        ClientDocument stored = new ClientDocument();
        stored.id = client.getId();
        stored.clientId = client.getClientId();
        stored.clientIdIssuedAt = client.getClientIdIssuedAt();
        stored.clientSecret = client.getClientSecret();
        stored.clientSecretExpiresAt = client.getClientSecretExpiresAt();
        stored.clientName = client.getClientName();
        stored.authenticationMethods =
                client.getClientAuthenticationMethods().stream()
                        .map(ClientAuthenticationMethod::getValue)
                        .sorted()
                        .toList();
        stored.grantTypes =
                client.getAuthorizationGrantTypes().stream()
                        .map(AuthorizationGrantType::getValue)
                        .sorted()
                        .toList();
        stored.redirectUris = List.copyOf(client.getRedirectUris());
        stored.postLogoutRedirectUris = List.copyOf(client.getPostLogoutRedirectUris());
        stored.scopes = List.copyOf(client.getScopes());
        stored.clientSettings = json.write(plain(client.getClientSettings().getSettings()));
        stored.tokenSettings = json.write(plain(client.getTokenSettings().getSettings()));
        return stored;
    }

    private RegisteredClient toRegisteredClient(ClientDocument stored) {
        return RegisteredClient.withId(stored.id)
                .clientId(stored.clientId)
                .clientIdIssuedAt(stored.clientIdIssuedAt)
                .clientSecret(stored.clientSecret)
                .clientSecretExpiresAt(stored.clientSecretExpiresAt)
                .clientName(stored.clientName == null ? stored.clientId : stored.clientName)
                .clientAuthenticationMethods(
                        methods ->
                                list(stored.authenticationMethods)
                                        .forEach(
                                                method ->
                                                        methods.add(
                                                                new ClientAuthenticationMethod(
                                                                        method))))
                .authorizationGrantTypes(
                        grants ->
                                list(stored.grantTypes)
                                        .forEach(
                                                grant ->
                                                        grants.add(
                                                                new AuthorizationGrantType(grant))))
                .redirectUris(uris -> uris.addAll(list(stored.redirectUris)))
                .postLogoutRedirectUris(uris -> uris.addAll(list(stored.postLogoutRedirectUris)))
                .scopes(scopes -> scopes.addAll(list(stored.scopes)))
                .clientSettings(
                        ClientSettings.withSettings(json.read(stored.clientSettings)).build())
                .tokenSettings(TokenSettings.withSettings(json.read(stored.tokenSettings)).build())
                .build();
    }

    /**
     * Settings with plain (mutable) lists, which the Jackson allow-list reads back; {@code List.of}
     * it does not.
     */
    private static Map<String, Object> plain(Map<String, Object> settings) {
        Map<String, Object> copy = new HashMap<>();
        settings.forEach(
                (key, value) ->
                        copy.put(
                                key,
                                value instanceof List<?> list ? new ArrayList<>(list) : value));
        return copy;
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
