package coop.cluster.activity.meeting.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A confirmed registrant who joined a B2B board: the person, their organisation, what they offer
 * and seek (free text, French or English, at most {@link #MAX_TEXT} characters each), and when they
 * are away during the session (at most {@link #MAX_AWAY} stretches).
 */
public record BoardParticipant(
        String personId,
        String memberId,
        String offers,
        String seeks,
        List<Interval> away,
        Instant joinedAt) {

    public static final int MAX_TEXT = 1000;
    public static final int MAX_AWAY = 10;

    public BoardParticipant {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(memberId, "memberId");
        offers = offers == null ? "" : offers.strip();
        seeks = seeks == null ? "" : seeks.strip();
        away = List.copyOf(away);
        if (offers.length() > MAX_TEXT || seeks.length() > MAX_TEXT) {
            throw new MeetingRuleViolation(MeetingRuleViolation.TEXT_TOO_LONG, MAX_TEXT);
        }
        if (away.size() > MAX_AWAY) {
            throw new MeetingRuleViolation(MeetingRuleViolation.TOO_MANY_AWAY, MAX_AWAY);
        }
    }
}
