package coop.cluster.fundingwatch.watch.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** How a watch is stored, {@code _id} its id; kinds by name. Never leaves this package. */
@Document("watches")
record WatchDocument(
        @Id String id,
        @Indexed String memberId,
        String name,
        List<String> keywords,
        List<String> programmes,
        List<String> kinds,
        String createdBy,
        Instant createdAt,
        @Indexed Instant updatedAt,
        @Version Long version) {}
