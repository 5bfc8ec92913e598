package coop.cluster.activity.meeting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The scheduler's invariants on random sessions of 200 participants and 2,000 requests (issue 23):
 * jqwik draws the input's seed, the tables (from one per eight participants to one per two) and the
 * share of participants away for a stretch; {@link RandomB2bInput} builds the session from them
 * (random single slots off, people away all day, popular participants, duplicates, meetings of
 * three).
 */
class MeetingSchedulerPropertiesTest {

    @Property(tries = 25)
    void neverClashesAndNeverSchedulesFewerThanTheGreedyBaseline(
            @ForAll long seed,
            @ForAll @IntRange(min = 25, max = 100) int tables,
            @ForAll @DoubleRange(min = 0.0, max = 0.8) double awayShare) {
        RandomB2bInput input = RandomB2bInput.generate(seed, 200, 2_000, tables, awayShare);

        MeetingSchedule schedule =
                new MeetingScheduler()
                        .schedule(input.session(), input.participants(), input.requests());

        ScheduleInvariants.check(schedule, input.session(), input.participants(), input.requests());
        assertThat(schedule.scheduled().size())
                .isGreaterThanOrEqualTo(
                        GreedyBaseline.schedule(
                                        input.session(), input.participants(), input.requests())
                                .size());
    }
}
