package coop.cluster.activity.meeting.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded random B2B session like a cluster event's: 09:00–17:40 in 20-minute slots with a coffee
 * break, lunch and an afternoon break (20 slots); participants from organisations of one or two
 * people; each participant away for a random stretch of 1–6 slots with probability {@code
 * awayShare}, a few (1%) away all day, and single slots off at random (5%); requests between
 * participants of different organisations, the one asked drawn with a skew (a few participants are
 * popular, as at real events), {@code mutualShare} of them mutual, 5% with the asker's colleague
 * too. Requests naming the same people twice happen, as they do. Used by the property test and the
 * benchmark.
 */
public record RandomB2bInput(
        B2bSession session, List<Participant> participants, List<MeetingRequest> requests) {

    public static RandomB2bInput generate(
            long seed, int participantCount, int requestCount, int tables, double awayShare) {
        SplittableRandom random = new SplittableRandom(seed);
        B2bSession session =
                new B2bSession(
                        LocalDate.of(2026, 6, 11),
                        LocalTime.of(9, 0),
                        LocalTime.of(17, 40),
                        Duration.ofMinutes(20),
                        List.of(
                                new TimeWindow(LocalTime.of(10, 40), LocalTime.of(11, 0)),
                                new TimeWindow(LocalTime.of(12, 20), LocalTime.of(13, 40)),
                                new TimeWindow(LocalTime.of(15, 40), LocalTime.of(16, 0))),
                        tables);
        int slots = session.slots().size();
        int organisations = Math.max(2, participantCount * 3 / 4);
        List<Participant> participants = new ArrayList<>();
        String[] organisationOf = new String[participantCount];
        for (int i = 0; i < participantCount; i++) {
            int organisation = i < organisations ? i : random.nextInt(organisations);
            organisationOf[i] = "org-" + organisation;
            Set<Integer> away = new HashSet<>();
            if (random.nextDouble() < 0.01) {
                for (int s = 0; s < slots; s++) {
                    away.add(s);
                }
            } else {
                if (random.nextDouble() < awayShare) {
                    int length = 1 + random.nextInt(6);
                    int from = random.nextInt(slots);
                    for (int s = from; s < Math.min(slots, from + length); s++) {
                        away.add(s);
                    }
                }
                for (int s = 0; s < slots; s++) {
                    if (random.nextDouble() < 0.05) {
                        away.add(s);
                    }
                }
            }
            participants.add(new Participant("p" + i, organisationOf[i], away));
        }
        List<MeetingRequest> requests = new ArrayList<>();
        while (requests.size() < requestCount) {
            int asker = random.nextInt(participantCount);
            double u = random.nextDouble();
            int asked = (int) (participantCount * u * u); // skewed: low indexes are popular
            if (organisationOf[asker].equals(organisationOf[asked])) {
                continue;
            }
            List<String> who = new ArrayList<>(List.of("p" + asker, "p" + asked));
            if (random.nextDouble() < 0.05) {
                for (int i = organisations; i < participantCount; i++) {
                    if (i != asker && organisationOf[i].equals(organisationOf[asker])) {
                        who.add("p" + i);
                        break;
                    }
                }
            }
            Priority priority = random.nextDouble() < 0.3 ? Priority.MUTUAL : Priority.ACCEPTED;
            requests.add(new MeetingRequest("r" + requests.size(), who, priority));
        }
        return new RandomB2bInput(session, participants, requests);
    }
}
