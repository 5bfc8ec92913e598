package coop.cluster.membership.group.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How a group is stored, its members included. {@code nameKey} keeps names unique regardless of
 * case.
 */
@Document("groups")
record GroupDocument(
        @Id String id,
        String name,
        @Indexed(unique = true) String nameKey,
        String description,
        List<String> interests,
        String resolutionId,
        Instant createdAt,
        List<MemberDoc> members,
        @Version Long version) {

    record MemberDoc(@Indexed String memberId, Instant joinedAt) {}
}
