package coop.cluster.plumbing.it;

import java.io.IOException;
import java.time.Duration;

/**
 * A TCP proxy in front of the store that can make it slow: each reply of the store (each chunk read
 * from it) is held for the latency set, switchable at run time. A store that answers everything,
 * late: overloaded, swapping, on a slow disk or far away.
 */
final class LatencyProxy extends TcpProxy {

    private volatile Duration latency = Duration.ZERO;

    LatencyProxy(String targetHost, int targetPort) throws IOException {
        super("latency-proxy", targetHost, targetPort);
    }

    /** From the next chunk on; {@link Duration#ZERO} to pass replies on at once again. */
    void latency(Duration latency) {
        this.latency = latency;
    }

    @Override
    protected void beforeForwarding(boolean towardsClient) throws InterruptedException {
        Duration now = latency;
        if (towardsClient && now.isPositive()) {
            Thread.sleep(
                    now); // the injected fault itself: this proxy thread stands for the slow store
        }
    }
}
