package coop.cluster.plumbing.it;

import java.io.IOException;

/**
 * A TCP proxy in front of the store that can freeze: connections stay open, bytes are read but not
 * passed on. A store that accepts and never answers, as a store stopped by SIGSTOP, swapping or
 * stuck in a long pause does.
 */
final class FreezingProxy extends TcpProxy {

    private final Object thaw = new Object();
    private volatile boolean frozen;

    FreezingProxy(String targetHost, int targetPort) throws IOException {
        super("freezing-proxy", targetHost, targetPort);
    }

    void freeze() {
        frozen = true;
    }

    void thaw() {
        synchronized (thaw) {
            frozen = false;
            thaw.notifyAll();
        }
    }

    @Override
    protected void beforeForwarding(boolean towardsClient) throws InterruptedException {
        synchronized (thaw) {
            while (frozen && !closed()) {
                thaw.wait(100);
            }
        }
    }

    @Override
    public void close() throws IOException {
        super.close();
        thaw();
    }
}
