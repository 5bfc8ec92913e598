package coop.cluster.activity.meeting.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How a B2B board is stored: one document per exchange event ({@code _id} = the event id), its
 * participants, requests and last schedule inside, bounded by the board's limits. Never leaves this
 * package.
 */
@Document("b2b_boards")
record BoardDocument(
        @Id String id,
        Instant startsAt,
        Instant endsAt,
        long slotMinutes,
        List<Window> breaks,
        int tables,
        List<ParticipantDoc> participants,
        List<RequestDoc> requests,
        ScheduleDoc schedule,
        Instant changedAt,
        @Version Long version) {

    record Window(Instant start, Instant end) {}

    record ParticipantDoc(
            String personId,
            String memberId,
            String offers,
            String seeks,
            List<Window> away,
            Instant joinedAt) {}

    record RequestDoc(
            String requestId,
            String requesterId,
            String requestedId,
            String state,
            boolean mutual,
            Instant requestedAt,
            Instant answeredAt) {}

    record ScheduleDoc(
            int run, Instant ranAt, String ranBy, List<MeetingDoc> meetings, List<LeftDoc> left) {}

    record MeetingDoc(
            String requestId,
            String requesterId,
            String requestedId,
            int slot,
            Instant startsAt,
            Instant endsAt,
            int table,
            boolean mutual) {}

    record LeftDoc(String requestId, String reason) {}
}
