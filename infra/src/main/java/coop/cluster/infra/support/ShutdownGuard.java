package coop.cluster.infra.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Halts the JVM if a shutdown hook hangs: a stuck close must never leave a half-dead process
 * holding the ports.
 */
public final class ShutdownGuard {

    private final CountDownLatch done = new CountDownLatch(1);

    private ShutdownGuard() {}

    public static ShutdownGuard arm(String what, Duration limit) {
        ShutdownGuard guard = new ShutdownGuard();
        Thread t =
                new Thread(
                        () -> {
                            try {
                                if (!guard.done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                                    System.err.println(
                                            what
                                                    + " did not stop within "
                                                    + limit.toSeconds()
                                                    + " s; halting");
                                    Runtime.getRuntime().halt(1);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "shutdown-guard");
        t.setDaemon(true);
        t.start();
        return guard;
    }

    public void disarm() {
        done.countDown();
    }
}
