package coop.cluster.project.suggestion;

import coop.cluster.plumbing.follow.WatermarkFollower;
import coop.cluster.project.member.MemberView;
import coop.cluster.project.member.Members;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The active members' profiles in memory, with inverted indexes from competence and offered
 * resource type to members, so that suggesting partners among 10,000 members reads no store. It
 * loads every member at the first poll, then follows the members view by polling it ({@code
 * cluster.suggestions.poll-interval}, 1 s; a {@link WatermarkFollower}), re-reading a second before
 * the last write seen, since the view's writes can commit out of order; applying a member again is
 * harmless.
 */
@Component
class ProfileIndex {

    private static final Logger log = LoggerFactory.getLogger(ProfileIndex.class);
    private static final Duration OVERLAP = Duration.ofSeconds(1);
    private static final int BATCH = 1000;

    private final Map<String, MemberView> active = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byCompetence = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byResourceType = new ConcurrentHashMap<>();
    private final WatermarkFollower<Members.Changed> follower;

    ProfileIndex(Members members, MeterRegistry meters) {
        // the first build reads every member, whenever (and whether) its write was timed
        this.follower =
                WatermarkFollower.byTime(
                                "Partner suggestions",
                                members::changedSince,
                                Members.Changed::updatedAt)
                        .applying(batch -> batch.forEach(change -> apply(change.member())))
                        .firstLoad(() -> members.all().forEach(this::apply))
                        .onFirstCatchUp(
                                loaded ->
                                        log.info(
                                                "Partner suggestions: {} active members' profiles"
                                                        + " loaded",
                                                active.size()))
                        .batchSize(BATCH)
                        .overlap(OVERLAP)
                        .build();
        Gauge.builder("cluster.project.suggestions.profiles", active, Map::size)
                .description("Active members' profiles the suggestions rank")
                .register(meters);
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${cluster.suggestions.poll-interval:1s}")
    synchronized void poll() {
        follower.poll();
    }

    private void apply(MemberView member) {
        MemberView previous = active.remove(member.memberId());
        if (previous != null) {
            unindex(previous);
        }
        if (member.isActive()) {
            active.put(member.memberId(), member);
            competences(member)
                    .forEach(
                            c ->
                                    byCompetence
                                            .computeIfAbsent(c, k -> ConcurrentHashMap.newKeySet())
                                            .add(member.memberId()));
            member.offeredResources()
                    .forEach(
                            r ->
                                    byResourceType
                                            .computeIfAbsent(
                                                    r.type(), k -> ConcurrentHashMap.newKeySet())
                                            .add(member.memberId()));
        }
    }

    private void unindex(MemberView member) {
        competences(member).forEach(c -> remove(byCompetence, c, member.memberId()));
        member.offeredResources().forEach(r -> remove(byResourceType, r.type(), member.memberId()));
    }

    private static void remove(Map<String, Set<String>> index, String key, String member) {
        Set<String> ids = index.get(key);
        if (ids != null) {
            ids.remove(member);
        }
    }

    static List<String> competences(MemberView member) {
        return member.competences().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    }

    MemberView get(String member) {
        return active.get(member);
    }

    Collection<String> withCompetence(String competence) {
        return byCompetence.getOrDefault(competence, Set.of());
    }

    Collection<String> offering(String resourceType) {
        return byResourceType.getOrDefault(resourceType, Set.of());
    }

    int size() {
        return active.size();
    }
}
