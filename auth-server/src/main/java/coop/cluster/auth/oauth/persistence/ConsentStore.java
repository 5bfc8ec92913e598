package coop.cluster.auth.oauth.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Repository;

/**
 * Consents (which scopes a person granted a client), collection {@value #COLLECTION}, one document
 * per client and person. The platform's own clients ask for no consent; a third-party client would.
 */
@Repository
public class ConsentStore implements OAuth2AuthorizationConsentService {

    public static final String COLLECTION = "oauth_consents";

    private final MongoTemplate mongo;
    private final RegisteredClientRepository clients;

    ConsentStore(MongoTemplate mongo, RegisteredClientRepository clients) {
        this.mongo = mongo;
        this.clients = clients;
    }

    @Override
    public void save(OAuth2AuthorizationConsent consent) {
        Objects.requireNonNull(consent, "consent");
        Document document =
                new Document("_id", id(consent.getRegisteredClientId(), consent.getPrincipalName()))
                        .append("registeredClientId", consent.getRegisteredClientId())
                        .append("principalName", consent.getPrincipalName())
                        .append(
                                "authorities",
                                consent.getAuthorities().stream()
                                        .map(a -> a.getAuthority())
                                        .sorted()
                                        .toList());
        collection()
                .replaceOne(
                        Filters.eq("_id", document.get("_id")),
                        document,
                        new ReplaceOptions().upsert(true));
    }

    @Override
    public void remove(OAuth2AuthorizationConsent consent) {
        Objects.requireNonNull(consent, "consent");
        collection()
                .deleteOne(
                        Filters.eq(
                                "_id",
                                id(consent.getRegisteredClientId(), consent.getPrincipalName())));
    }

    @Override
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        Document document =
                collection().find(Filters.eq("_id", id(registeredClientId, principalName))).first();
        if (document == null) {
            return null;
        }
        RegisteredClient client = clients.findById(registeredClientId);
        if (client == null) {
            return null;
        }
        OAuth2AuthorizationConsent.Builder builder =
                OAuth2AuthorizationConsent.withId(registeredClientId, principalName);
        document.getList("authorities", String.class, List.of())
                .forEach(authority -> builder.authority(new SimpleGrantedAuthority(authority)));
        return builder.build();
    }

    /**
     * Removes every consent of a person (with their authorizations, when their sessions are
     * revoked).
     */
    public void removeAllOf(String principalName) {
        collection().deleteMany(Filters.eq("principalName", principalName));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static String id(String registeredClientId, String principalName) {
        return registeredClientId + "|" + principalName;
    }
}
