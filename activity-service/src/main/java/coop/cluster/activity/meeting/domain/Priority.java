package coop.cluster.activity.meeting.domain;

/**
 * How much a meeting request matters when not every request fits the session. The scheduler first
 * schedules as many meetings as it can, then, among schedules with that many meetings, prefers the
 * one with the highest total {@link #weight()}.
 */
public enum Priority {
    /** Both sides asked for the meeting. */
    MUTUAL(2),
    /** One side asked, the other accepted. */
    ACCEPTED(1);

    private final int weight;

    Priority(int weight) {
        this.weight = weight;
    }

    public int weight() {
        return weight;
    }
}
