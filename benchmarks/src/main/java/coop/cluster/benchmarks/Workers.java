package coop.cluster.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Runs the same work on {@code threads} platform threads and waits for all of them. */
final class Workers {

    interface Work {
        void run() throws IOException, InterruptedException;
    }

    private Workers() {}

    /**
     * What a paced sender does for event {@code index}, given when it started it ({@code
     * System.nanoTime}).
     */
    interface Send {
        void send(int index, long startedNanos);
    }

    /**
     * Sends {@code events} events from two threads, event i at {@code i / rate} seconds after the
     * start when {@code rate > 0}, back to back otherwise; {@code recorder} notes each start.
     * Returns once all are sent.
     */
    static void paced(int events, int rate, LatencyRecorder recorder, Send send)
            throws InterruptedException {
        int threads = 2;
        List<Thread> senders = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            senders.add(
                    Thread.ofPlatform()
                            .name("sender-" + t)
                            .start(
                                    () -> {
                                        for (int i = offset; i < events; i += threads) {
                                            if (rate > 0) {
                                                long wait =
                                                        start
                                                                + (long) (i * (1e9 / rate))
                                                                - System.nanoTime();
                                                if (wait > 0) {
                                                    LockSupport.parkNanos(wait);
                                                }
                                            }
                                            long now = System.nanoTime();
                                            recorder.started(now);
                                            send.send(i, now);
                                        }
                                    }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
    }

    static void parallel(int threads, String name, Work work) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(
                    Thread.ofPlatform()
                            .name(name + "-" + t)
                            .start(
                                    () -> {
                                        try {
                                            work.run();
                                        } catch (IOException e) {
                                            throw new java.io.UncheckedIOException(e);
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        }
                                    }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }
}
