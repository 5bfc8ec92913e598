package coop.cluster.project.member;

import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import coop.cluster.project.member.persistence.MemberStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * project-service's view of the members, built from membership's events alone (it never reads
 * membership's store): each member's status and public profile ({@link MemberStore}, the collection
 * {@code members}). Every member lifecycle event carries the member's status after it ({@code
 * data.status}), which the view takes as it is; one without its member id or its status cannot be
 * applied by any retry and goes to the dead-letter topic ({@code project-service.member-view.dlt}).
 * One member's events arrive in order on one partition; each is applied once ({@link
 * IdempotentEffects#applyOnce}, the dedupe record in the member's own document).
 */
@Configuration(proxyBeanMethods = false)
public class Members {

    private static final Logger log = LoggerFactory.getLogger(Members.class);

    private final MemberStore store;

    Members(MemberStore store) {
        this.store = store;
    }

    @Bean
    EventSubscription membershipForMemberView() {
        String p = MembershipEvents.PREFIX;
        return EventSubscription.named("member-view")
                .topics(MembershipEvents.TOPIC)
                .on(
                        p,
                        MembershipEvents.WITH_PROFILE,
                        MembershipEvents.WithProfile.class,
                        this::profile)
                .on(
                        p,
                        MembershipEvents.STATUS_CHANGES,
                        MembershipEvents.StatusChange.class,
                        this::status)
                .build();
    }

    /** applied, admitted, profile-changed: the status, and the profile when the event has one. */
    void profile(ReceivedEvent<MembershipEvents.WithProfile> event) {
        MembershipEvents.WithProfile data = event.data();
        require(event, data.memberId(), data.status());
        MembershipEvents.Profile p = data.profile();
        boolean applied =
                p == null
                        ? store.status(event.id(), data.memberId(), data.status())
                        : store.profile(
                                event.id(),
                                new MemberView(
                                        data.memberId(),
                                        data.status(),
                                        p.legalName(),
                                        p.country(),
                                        p.region(),
                                        orEmpty(p.sectors()),
                                        p.organisationType(),
                                        p.sizeBand(),
                                        orEmpty(p.competences()),
                                        orEmpty(p.offeredResources()).stream()
                                                .map(
                                                        r ->
                                                                new MemberView.Resource(
                                                                        r.type(), r.description()))
                                                .toList(),
                                        p.description()));
        logged(data.memberId(), data.status(), applied);
    }

    /** suspended, reinstated, rejected, left, excluded: the status. */
    void status(ReceivedEvent<MembershipEvents.StatusChange> event) {
        MembershipEvents.StatusChange data = event.data();
        require(event, data.memberId(), data.status());
        logged(
                data.memberId(),
                data.status(),
                store.status(event.id(), data.memberId(), data.status()));
    }

    /** An event without its member or the member's status after it: no retry can apply it. */
    private static void require(ReceivedEvent<?> event, String memberId, String status) {
        if (memberId == null || memberId.isBlank() || status == null || status.isBlank()) {
            throw new PoisonEventException(
                    "Event " + event.id() + " (" + event.type() + "): no memberId or no status",
                    null);
        }
    }

    private static void logged(String memberId, String status, boolean applied) {
        log.debug(
                "Member {} is {} ({})", memberId, status, applied ? "applied" : "duplicate event");
    }

    public Optional<MemberView> find(String memberId) {
        return store.find(memberId);
    }

    public boolean isActive(String memberId) {
        return find(memberId).map(MemberView::isActive).orElse(false);
    }

    /** Members written at or after {@code since}, oldest write first, at most {@code limit}. */
    public List<Changed> changedSince(Instant since, int limit) {
        return store.changedSince(since, limit);
    }

    /** Every member of the view, including those written before the view kept {@code updatedAt}. */
    public List<MemberView> all() {
        return store.all();
    }

    /** A member as of a write of the view, with the write's time. */
    public record Changed(MemberView member, Instant updatedAt) {}

    /** The members with these ids that the view knows. */
    public List<MemberView> findAll(Collection<String> memberIds) {
        return store.findAll(memberIds);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
