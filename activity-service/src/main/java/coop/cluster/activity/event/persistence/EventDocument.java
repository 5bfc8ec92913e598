package coop.cluster.activity.event.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How an exchange event is stored, its registrations and waiting list inside: bounded by the
 * capacity and the waiting list's cap, so one document holds them and one write changes them. Never
 * leaves this package.
 */
@Document("exchange_events")
record EventDocument(
        @Id String id,
        String kind,
        String titleFr,
        String titleEn,
        String descriptionFr,
        String descriptionEn,
        String place,
        String onlineLink,
        @Indexed Instant startsAt,
        Instant endsAt,
        int capacity,
        int waitingListCap,
        String audience,
        String groupId,
        @Indexed String state,
        String createdBy,
        Instant createdAt,
        Instant stateChangedAt,
        String cancelReason,
        List<RegistrationDoc> confirmed,
        List<RegistrationDoc> waiting,
        @Version Long version) {

    record RegistrationDoc(
            String registrationId,
            String personId,
            String memberId,
            Instant registeredAt,
            Instant promotedAt,
            Instant attendedAt) {}
}
