package coop.cluster.activity.meeting.domain;

import java.time.LocalTime;

/**
 * One meeting slot of a {@link B2bSession}: its position in the session ({@code index}, from 0, in
 * time order) and its time, {@code [start, end)}.
 */
public record Slot(int index, LocalTime start, LocalTime end) {}
