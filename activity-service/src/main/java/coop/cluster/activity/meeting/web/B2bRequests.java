package coop.cluster.activity.meeting.web;

import coop.cluster.activity.meeting.domain.BoardParticipant;
import coop.cluster.activity.meeting.domain.BoardSession;
import coop.cluster.activity.meeting.domain.Interval;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The request bodies of the B2B API. */
final class B2bRequests {

    private B2bRequests() {}

    /** A stretch of time, {@code [startsAt, endsAt)}. */
    record Window(@NotNull Instant startsAt, @NotNull Instant endsAt) {

        Interval toInterval() {
            return new Interval(startsAt, endsAt);
        }

        static Window of(Interval i) {
            return new Window(i.start(), i.end());
        }
    }

    /** The session a manager sets: within the event, on one day (Europe/Brussels). */
    record Session(
            @NotNull Instant startsAt,
            @NotNull Instant endsAt,
            @NotNull @Min(5) @Max(120) Integer slotMinutes,
            @Size(max = BoardSession.MAX_BREAKS) List<@Valid @NotNull Window> breaks,
            @NotNull @Min(1) @Max(BoardSession.MAX_TABLES) Integer tables) {

        BoardSession toSession() {
            return new BoardSession(
                    new Interval(startsAt, endsAt),
                    Duration.ofMinutes(slotMinutes),
                    breaks == null ? List.of() : breaks.stream().map(Window::toInterval).toList(),
                    tables);
        }
    }

    /** What a participant offers and seeks (free text, French or English), and when away. */
    record Profile(
            @Size(max = BoardParticipant.MAX_TEXT) String offers,
            @Size(max = BoardParticipant.MAX_TEXT) String seeks,
            @Size(max = BoardParticipant.MAX_AWAY) List<@Valid @NotNull Window> away) {

        List<Interval> awayIntervals() {
            return away == null ? List.of() : away.stream().map(Window::toInterval).toList();
        }
    }

    /** Whom a participant asks to meet: their person id. */
    record Ask(@NotBlank @Size(max = 200) String with) {}
}
