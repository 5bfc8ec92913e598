package coop.cluster.project.project.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** How a project is stored. Never leaves this package. */
@Document("projects")
record ProjectDocument(
        @Id String id,
        @Indexed String leader,
        String title,
        String description,
        String theme,
        List<String> neededCompetences,
        List<Resource> neededResources,
        @Indexed String targetCallId,
        @Indexed String status,
        List<Partner> partners,
        Instant createdAt,
        Instant statusChangedAt,
        String statusReason,
        String proposedLeader,
        AgreementDoc agreement,
        Instant targetCallClosedAt,
        @Version Long version) {

    /** Amounts are decimal strings: exact, whatever the store does with numbers. */
    record AgreementDoc(
            int version,
            String currency,
            List<ContributionDoc> contributions,
            String coordinator,
            List<TaskDoc> tasks,
            String settlementRule,
            Instant proposedAt,
            List<SignatureDoc> signatures) {}

    record ContributionDoc(String memberId, String money, String inKind, String inKindValue) {}

    record TaskDoc(String title, String responsible) {}

    record SignatureDoc(String memberId, Instant signedAt) {}

    record Resource(String type, String description) {}

    record Partner(@Indexed String memberId, String role, Instant joinedAt) {}
}
