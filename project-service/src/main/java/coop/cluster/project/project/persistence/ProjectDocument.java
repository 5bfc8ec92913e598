package coop.cluster.project.project.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** How a project is stored. Never leaves this package. */
@Document("projects")
record ProjectDocument(@Id String id, @Indexed String leader, String title, String description, String theme,
                       List<String> neededCompetences, List<Resource> neededResources, String targetCallId,
                       @Indexed String status, List<Partner> partners, Instant createdAt, Instant statusChangedAt,
                       String statusReason, String proposedLeader, @Version Long version) {

    record Resource(String type, String description) {
    }

    record Partner(@Indexed String memberId, String role, Instant joinedAt) {
    }
}
