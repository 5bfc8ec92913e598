package coop.cluster.auth.login.persistence;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One failed login, collection {@value #COLLECTION}: the record of the failure and, until the relay
 * has published it, its {@code cluster.identity.login.failed.v1} event (the outbox). Kept for the
 * audit, deleted after {@code expiresAt}.
 */
@Document(LoginFailureDocument.COLLECTION)
class LoginFailureDocument {

    static final String COLLECTION = "login_failures";

    @Id String id;
    String login;
    String address;
    String reason;
    Instant at;

    @Indexed(expireAfter = "0s")
    Instant expiresAt;

    @Version Long version;

    LoginFailureDocument() {}

    LoginFailureDocument(
            String id, String login, String address, String reason, Instant at, Instant expiresAt) {
        this.id = id;
        this.login = login;
        this.address = address;
        this.reason = reason;
        this.at = at;
        this.expiresAt = expiresAt;
    }
}
