package coop.cluster.membership.people.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What one person's document of {@code organisation_people} holds; {@code order} is the order of
 * the latest change applied.
 */
@Document("organisation_people")
record PersonDocument(
        @Id String id,
        @Indexed String memberId,
        List<String> roles,
        List<String> staffRoles,
        String email,
        String displayName,
        String language,
        String formerMemberId,
        String leftReason,
        String order,
        Instant updatedAt,
        @Version Long version) {}
