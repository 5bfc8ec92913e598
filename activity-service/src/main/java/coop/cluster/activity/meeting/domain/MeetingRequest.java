package coop.cluster.activity.meeting.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An accepted meeting request: who meets (two participants, or more when an organisation sends two
 * people) and how much it matters. A participant listed twice, a participant meeting itself, is
 * refused ({@link MeetingRuleViolation#SELF_MEETING}).
 */
public record MeetingRequest(String id, List<String> participants, Priority priority) {

    public MeetingRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(priority, "priority");
        participants = List.copyOf(participants);
        if (participants.size() < 2) {
            throw new MeetingRuleViolation(MeetingRuleViolation.TOO_FEW_PARTICIPANTS, id);
        }
        Set<String> seen = new HashSet<>();
        for (String participant : participants) {
            if (!seen.add(participant)) {
                throw new MeetingRuleViolation(MeetingRuleViolation.SELF_MEETING, id, participant);
            }
        }
    }

    /** A meeting of two. */
    public static MeetingRequest between(String id, String one, String other, Priority priority) {
        return new MeetingRequest(id, List.of(one, other), priority);
    }
}
