package coop.cluster.auth.people.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How a person is stored. Never leaves this package. {@code email} is kept in lower case under a
 * unique index: the store itself refuses a second account for the same address, whichever instance
 * creates it.
 */
@Document("people")
record PersonDocument(
        @Id String id,
        @Indexed(unique = true) String email,
        String passwordHash,
        String displayName,
        String language,
        @Indexed(sparse = true) String memberId,
        List<String> roles,
        List<String> staffRoles,
        String status,
        Instant createdAt,
        @Version Long version) {}
