package coop.cluster.auth.oauth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
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

/**
 * The OAuth 2 clients, in collection {@value StoredClient#COLLECTION} of the identity database: those of the
 * configuration (rewritten at every start, {@link #upsertFromConfiguration}: the configuration wins for its ids) and
 * those created through the clients API, which only the store knows. A revoked client is unknown here.
 *
 * <p>Read from the store on every request that names a client, with no cache: a rotated secret or a revoked client
 * takes effect at once on every issuer instance. One read by the unique {@code clientId} index.
 */
public class MongoRegisteredClientRepository implements RegisteredClientRepository {

    private final MongoTemplate mongo;
    private final SecurityJson json = new SecurityJson();

    public MongoRegisteredClientRepository(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Saves a client registered by Spring Authorization Server itself (dynamic registration; unused today). */
    @Override
    public void save(RegisteredClient client) {
        Objects.requireNonNull(client, "client");
        upsert(client, StoredClient.FROM_API);
    }

    /** Writes a client of the configuration over whatever the store holds under its id. */
    public void upsertFromConfiguration(RegisteredClient client) {
        upsert(client, StoredClient.FROM_CONFIGURATION);
    }

    private void upsert(RegisteredClient client, String origin) {
        StoredClient stored = toStored(client);
        stored.origin = origin;
        Document raw = new Document();
        mongo.getConverter().write(stored, raw);
        Update update = new Update();
        raw.forEach((field, value) -> {
            if (!"_id".equals(field) && !"version".equals(field) && !"_class".equals(field)) {
                update.set(field, value);
            }
        });
        update.unset("revokedAt").inc("version", 1);
        mongo.upsert(Query.query(Criteria.where("_id").is(client.getId())), update, StoredClient.COLLECTION);
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
        StoredClient stored = mongo.findOne(Query.query(criteria), StoredClient.class);
        return stored == null || stored.isRevoked() ? null : toRegisteredClient(stored);
    }

    public StoredClient toStored(RegisteredClient client) {
        StoredClient stored = new StoredClient();
        stored.id = client.getId();
        stored.clientId = client.getClientId();
        stored.clientIdIssuedAt = client.getClientIdIssuedAt();
        stored.clientSecret = client.getClientSecret();
        stored.clientSecretExpiresAt = client.getClientSecretExpiresAt();
        stored.clientName = client.getClientName();
        stored.authenticationMethods = client.getClientAuthenticationMethods().stream()
                .map(ClientAuthenticationMethod::getValue).sorted().toList();
        stored.grantTypes = client.getAuthorizationGrantTypes().stream()
                .map(AuthorizationGrantType::getValue).sorted().toList();
        stored.redirectUris = List.copyOf(client.getRedirectUris());
        stored.postLogoutRedirectUris = List.copyOf(client.getPostLogoutRedirectUris());
        stored.scopes = List.copyOf(client.getScopes());
        stored.clientSettings = json.write(plain(client.getClientSettings().getSettings()));
        stored.tokenSettings = json.write(plain(client.getTokenSettings().getSettings()));
        return stored;
    }

    public RegisteredClient toRegisteredClient(StoredClient stored) {
        return RegisteredClient.withId(stored.id)
                .clientId(stored.clientId)
                .clientIdIssuedAt(stored.clientIdIssuedAt)
                .clientSecret(stored.clientSecret)
                .clientSecretExpiresAt(stored.clientSecretExpiresAt)
                .clientName(stored.clientName == null ? stored.clientId : stored.clientName)
                .clientAuthenticationMethods(methods -> list(stored.authenticationMethods)
                        .forEach(method -> methods.add(new ClientAuthenticationMethod(method))))
                .authorizationGrantTypes(grants -> list(stored.grantTypes)
                        .forEach(grant -> grants.add(new AuthorizationGrantType(grant))))
                .redirectUris(uris -> uris.addAll(list(stored.redirectUris)))
                .postLogoutRedirectUris(uris -> uris.addAll(list(stored.postLogoutRedirectUris)))
                .scopes(scopes -> scopes.addAll(list(stored.scopes)))
                .clientSettings(ClientSettings.withSettings(json.read(stored.clientSettings)).build())
                .tokenSettings(TokenSettings.withSettings(json.read(stored.tokenSettings)).build())
                .build();
    }

    /** Settings with plain (mutable) lists, which the Jackson allow-list reads back; {@code List.of} it does not. */
    private static Map<String, Object> plain(Map<String, Object> settings) {
        Map<String, Object> copy = new HashMap<>();
        settings.forEach((key, value) -> copy.put(key, value instanceof List<?> list ? new ArrayList<>(list) : value));
        return copy;
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
