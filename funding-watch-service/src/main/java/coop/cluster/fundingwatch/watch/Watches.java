package coop.cluster.fundingwatch.watch;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.search.CallIndex;
import coop.cluster.fundingwatch.call.search.CallQuery;
import coop.cluster.fundingwatch.call.search.CallSearch;
import coop.cluster.fundingwatch.watch.persistence.WatchQuotas;
import coop.cluster.fundingwatch.watch.persistence.WatchStore;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.security.ClusterRole;
import coop.cluster.plumbing.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Members' saved watches: each member organisation's own business. Only its member and delegate
 * users see and change them; another organisation's watch does not exist for them (404); managers,
 * finance and feeds get 403.
 */
@Service
public class Watches {

    /** Watches one member may have at most. */
    public static final int MAX_PER_MEMBER = 50;

    private static final Set<CallStatus> LIVE = Set.of(CallStatus.OPEN, CallStatus.FORTHCOMING);

    private final WatchStore store;
    private final CallSearch search;
    private final Clock clock;
    private final ApplicationEventPublisher published;
    private final WatchQuotas quotas;

    Watches(
            WatchStore store,
            WatchQuotas quotas,
            CallSearch search,
            Clock clock,
            ApplicationEventPublisher published) {
        this.quotas = quotas;
        this.published = published;
        this.store = store;
        this.search = search;
        this.clock = clock;
    }

    /**
     * What a watch looks for, as a user states it (already checked for length by the web layer).
     */
    public record Criteria(
            String name, List<String> keywords, List<String> programmes, List<CallKind> kinds) {

        public Criteria {
            name = name == null ? null : name.strip();
            keywords = clean(keywords);
            programmes = clean(programmes);
            kinds =
                    kinds == null
                            ? List.of()
                            : kinds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        }

        private static List<String> clean(Collection<String> values) {
            return values == null
                    ? List.of()
                    : values.stream()
                            .filter(v -> v != null && !v.isBlank())
                            .map(String::strip)
                            .distinct()
                            .toList();
        }

        void check() {
            if (name == null || name.isEmpty()) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "watch-name-required");
            }
            if (keywords.isEmpty() && programmes.isEmpty() && kinds.isEmpty()) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "watch-no-criterion");
            }
        }
    }

    /** A page of a member's watches, and how many it has. */
    public record Listing(List<Watch> watches, long total) {}

    public Watch create(Caller caller, Criteria criteria) {
        String member = owner(caller);
        criteria.check();
        if (!quotas.take(member, MAX_PER_MEMBER)) {
            throw ProblemException.conflict("watch-limit", MAX_PER_MEMBER);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            return changed(
                    store.insert(
                            new Watch(
                                    UUID.randomUUID().toString(),
                                    member,
                                    criteria.name(),
                                    criteria.keywords(),
                                    criteria.programmes(),
                                    criteria.kinds(),
                                    caller.subject(),
                                    now,
                                    now,
                                    null)));
        } catch (RuntimeException e) {
            quotas.giveBack(member);
            throw e;
        }
    }

    public Listing list(Caller caller, int page, int size) {
        String member = owner(caller);
        return new Listing(store.of(member, page, size), store.countOf(member));
    }

    public Watch get(Caller caller, String id) {
        String member = owner(caller);
        return store.find(id)
                .filter(watch -> watch.memberId().equals(member))
                .orElseThrow(() -> ProblemException.notFound("watch", id));
    }

    /** Replaces what {@code id} looks for, if it is still at version {@code ifMatch} (else 412). */
    public Watch update(Caller caller, String id, long ifMatch, Criteria criteria) {
        Watch current = get(caller, id);
        criteria.check();
        checkVersion(current, ifMatch);
        return changed(
                store.update(
                        new Watch(
                                current.id(),
                                current.memberId(),
                                criteria.name(),
                                criteria.keywords(),
                                criteria.programmes(),
                                criteria.kinds(),
                                current.createdBy(),
                                current.createdAt(),
                                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                                current.version())));
    }

    /**
     * Deletes {@code id}; with {@code ifMatch} (not null) only if it is still at that version (else
     * 412).
     */
    public void delete(Caller caller, String id, Long ifMatch) {
        Watch current = get(caller, id);
        if (ifMatch != null) {
            checkVersion(current, ifMatch);
        }
        if (!store.delete(current.id(), current.version())) {
            throw new ProblemException(
                    HttpStatus.PRECONDITION_FAILED,
                    "stale-version",
                    ifMatch == null ? current.version() : ifMatch,
                    "a newer one");
        }
        quotas.giveBack(current.memberId());
        published.publishEvent(new Deleted(current));
    }

    /**
     * Announced in-process after a watch is created or changed by this instance (matching follows
     * it).
     */
    public record Changed(Watch watch) {}

    /** Announced in-process after a watch is deleted by this instance. */
    public record Deleted(Watch watch) {}

    private Watch changed(Watch watch) {
        published.publishEvent(new Changed(watch));
        return watch;
    }

    /**
     * A member's watches, oldest first, whoever asks: for the service's own features (a member's
     * recommended calls), never for a caller (see {@link #list}).
     */
    public List<Watch> of(String memberId, int page, int size) {
        return store.of(memberId, page, size);
    }

    /**
     * Every member's watches by time of last change, oldest first, then by id: changed at or after
     * {@code since}, or, with {@code afterId} (not null), changed after {@code since} or at {@code
     * since} with a greater id (the next page); at most {@code limit}. For the service's own
     * followers (the matching index), as the store has them.
     */
    public List<Watch> changedSince(Instant since, String afterId, int limit) {
        return store.changedSince(since, afterId, limit);
    }

    /** The ids of every watch stored (all members'), to find the ones another instance deleted. */
    public Set<String> allIds() {
        return store.allIds();
    }

    /** The calls open or forthcoming that fit watch {@code id} now, most relevant first. */
    public CallIndex.Result calls(Caller caller, String id, int page, int size) {
        Watch watch = get(caller, id);
        return search.search(query(watch), page, size);
    }

    /**
     * The search a watch stands for: any keyword, in its programmes and kinds, open or forthcoming.
     */
    public static CallQuery query(Watch watch) {
        return CallQuery.all()
                .withKeywords(watch.keywords())
                .withProgrammes(watch.programmes())
                .withKinds(Set.copyOf(watch.kinds()))
                .withStatuses(LIVE);
    }

    private static void checkVersion(Watch current, long ifMatch) {
        if (current.version() == null || current.version() != ifMatch) {
            throw new ProblemException(
                    HttpStatus.PRECONDITION_FAILED, "stale-version", ifMatch, current.version());
        }
    }

    /**
     * The organisation whose watches the caller manages: member and delegate users of a member
     * only.
     */
    /**
     * The caller's organisation, which owns its watches; 403 for anyone else (checked before the
     * body is).
     */
    public static String owner(Caller caller) {
        if (!caller.hasAny(ClusterRole.MEMBER, ClusterRole.DELEGATE)
                || caller.memberId().isEmpty()) {
            throw ProblemException.forbidden("watch-members-only");
        }
        return caller.memberId().get();
    }
}
