package coop.cluster.plumbing.outbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The aggregates this process last read or wrote, by id, so that a command can decide on an
 * aggregate without reading it from the store first: the read-modify-write of a command becomes a
 * write.
 *
 * <p><b>Why a stale entry is harmless.</b> Every write of an aggregate kept here goes through
 * {@link OutboxWriter#update}, which writes only if the stored version is still the one the
 * aggregate was read with, and moves the version on. An entry is stale only when another process
 * (another instance of the service) wrote the aggregate since: a command deciding on it then either
 * writes, and the write finds another version and fails, or it refuses (a rule, a stale {@code
 * If-Match}) on state that is no longer true. {@link #decide} therefore runs a command on a kept
 * entry only as a first attempt: when that attempt fails in any way, it forgets the entry, reads
 * the aggregate from the store and runs the command again on what it read, whose outcome stands. A
 * command must fail only before or at its conditional write — never after having written — so that
 * running it twice is safe; commands made of checks and one {@code OutboxWriter} write are.
 *
 * <p>Not for reads that answer a client (they read the store: another instance may have written);
 * not for collections written by anything else than the versioned outbox writer. Bounded: the least
 * recently used entries go first. Metrics: {@code cluster.aggregate.cache.commands{cache,
 * outcome=hit|miss|stale}} and the size.
 *
 * @param <K> the aggregate's id
 * @param <V> the aggregate
 */
public final class AggregateCache<K, V> {

    private final Cache<K, V> entries;
    private final ToLongFunction<V> version;
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;

    /**
     * @param name the aggregate, for the metrics ({@code members}, {@code invitations}, ...)
     * @param capacity how many aggregates to keep at most
     * @param version the aggregate's version, as {@link OutboxWriter} moves it on each write
     */
    public AggregateCache(
            String name, long capacity, ToLongFunction<V> version, MeterRegistry meters) {
        this.entries = Caffeine.newBuilder().maximumSize(capacity).build();
        this.version = version;
        this.hits = outcome(meters, name, "hit");
        this.misses = outcome(meters, name, "miss");
        this.stale = outcome(meters, name, "stale");
        Gauge.builder("cluster.aggregate.cache.size", entries, Cache::estimatedSize)
                .description("Aggregates kept in memory for commands")
                .tag("cache", name)
                .register(meters);
    }

    private static Counter outcome(MeterRegistry meters, String name, String outcome) {
        return Counter.builder("cluster.aggregate.cache.commands")
                .description(
                        "Commands decided on a kept aggregate (hit), on one read from the store"
                            + " (miss), or decided again on the store's after failing on a kept one"
                            + " (stale)")
                .tag("cache", name)
                .tag("outcome", outcome)
                .register(meters);
    }

    /**
     * Keeps {@code aggregate} as just read from or written to the store, unless a later version of
     * it is kept already (a read that raced with a write of this process does not bring an older
     * state back).
     */
    public void remember(K id, V aggregate) {
        entries.asMap()
                .merge(
                        id,
                        aggregate,
                        (kept, offered) ->
                                version.applyAsLong(offered) >= version.applyAsLong(kept)
                                        ? offered
                                        : kept);
    }

    /** Forgets the aggregate, e.g. after a write whose outcome is unknown. */
    public void forget(K id) {
        entries.invalidate(id);
    }

    /**
     * Runs {@code write} (an insert or a versioned update of the aggregate {@code id}) and keeps
     * what it stored; when it fails — a stale version, or an outcome unknown — forgets the
     * aggregate and rethrows.
     */
    public V written(K id, Supplier<V> write) {
        V stored;
        try {
            stored = write.get();
        } catch (RuntimeException staleOrUnknown) {
            forget(id);
            throw staleOrUnknown;
        }
        remember(id, stored);
        return stored;
    }

    /** Runs {@code read} (of the aggregate {@code id} from the store) and keeps what it found. */
    public Optional<V> read(K id, Supplier<Optional<V>> read) {
        Optional<V> stored = read.get();
        stored.ifPresent(aggregate -> remember(id, aggregate));
        return stored;
    }

    /**
     * Runs {@code command} on the kept aggregate if there is one; if that attempt fails (any
     * runtime exception: a stale write, a rule or a precondition refused on state that may be
     * stale), forgets it and runs {@code command} again on the aggregate {@code read} from the
     * store. Without a kept aggregate, runs it on the one read. The command gets an empty optional
     * when the store has no such aggregate.
     *
     * @param read reads the aggregate from the store
     * @param command decides and writes conditionally on the aggregate's version; must not write
     *     before failing
     */
    public <R> R decide(K id, Supplier<Optional<V>> read, Function<Optional<V>, R> command) {
        V kept = entries.getIfPresent(id);
        if (kept != null) {
            try {
                R outcome = command.apply(Optional.of(kept));
                hits.increment();
                return outcome;
            } catch (RuntimeException maybeStale) {
                entries.asMap().remove(id, kept);
                stale.increment();
            }
        } else {
            misses.increment();
        }
        return command.apply(read(id, read));
    }

    /** The kept aggregate, if any; for tests and diagnostics. */
    public Optional<V> kept(K id) {
        return Optional.ofNullable(entries.getIfPresent(id));
    }

    /**
     * As {@link #decide}, for a command that needs the aggregate to exist: {@code missing} is
     * thrown otherwise.
     */
    public <R> R decideOn(
            K id,
            Supplier<Optional<V>> read,
            Supplier<? extends RuntimeException> missing,
            Function<V, R> command) {
        return decide(id, read, found -> command.apply(found.orElseThrow(missing)));
    }
}
