package coop.cluster.activity.meeting.domain;

/** A meeting in the schedule: at {@code slot}, at table {@code table} (from 1). */
public record ScheduledMeeting(MeetingRequest request, Slot slot, int table) {}
