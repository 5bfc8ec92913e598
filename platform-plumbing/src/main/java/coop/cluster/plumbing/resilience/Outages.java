package coop.cluster.plumbing.resilience;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Tells a store or broker that is unreachable, or did not answer in time, from any other failure.
 * Such an outage is nobody's fault and goes away by itself: a request answers 503 with {@code
 * Retry-After}, a consumer retries the record for as long as it lasts (never a dead letter), the
 * relay retries its pass.
 */
public final class Outages {

    /**
     * Server error codes of a store that is stepping down, shutting down or unreachable from its
     * peers: HostUnreachable, HostNotFound, NetworkTimeout, ShutdownInProgress, PrimarySteppedDown,
     * SocketException, NotWritablePrimary, InterruptedAtShutdown, InterruptedDueToReplStateChange,
     * NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary.
     */
    private static final Set<Integer> UNAVAILABLE_CODES =
            Set.of(6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436);

    private Outages() {}

    /**
     * Whether {@code failure}, or one of its causes, says the store or the broker is out of reach.
     */
    public static boolean isOutage(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure;
                t != null && depth < 20;
                t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (isOutageItself(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutageItself(Throwable t) {
        return t
                        instanceof
                        DataAccessResourceFailureException // MongoSocket*, MongoTimeout, as Spring
                // Data says them
                || t instanceof TransientDataAccessResourceException
                || t instanceof QueryTimeoutException
                || t instanceof MongoSocketException // open, read, write, read time-out, closed
                || t
                        instanceof
                        MongoTimeoutException // server selection, connection pool, operation
                // time-outs
                || t instanceof MongoServerUnavailableException
                || t instanceof MongoConnectionPoolClearedException
                || t instanceof MongoNotPrimaryException
                || t instanceof MongoNodeIsRecoveringException
                || t instanceof MongoException mongo && UNAVAILABLE_CODES.contains(mongo.getCode())
                // the broker: TimeoutException (max.block.ms, delivery.timeout.ms),
                // NetworkException,
                // NotLeaderOrFollower, NotEnoughReplicas, coordinator not available...
                || t instanceof RetriableException
                || t instanceof org.apache.kafka.common.errors.BrokerNotAvailableException;
    }

    /**
     * The outage's own exception among the causes, e.g. for a log line; {@code failure} if there is
     * none.
     */
    public static Throwable cause(Throwable failure) {
        Throwable found = failure;
        int depth = 0;
        for (Throwable t = failure;
                t != null && depth < 20;
                t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (isOutageItself(t)) {
                found = t;
            }
        }
        return found;
    }
}
