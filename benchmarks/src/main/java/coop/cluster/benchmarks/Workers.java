package coop.cluster.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs the same work on {@code threads} platform threads and waits for all of them. */
final class Workers {

    interface Work {
        void run() throws IOException, InterruptedException;
    }

    private Workers() {
    }

    static void parallel(int threads, String name, Work work) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name(name + "-" + t).start(() -> {
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
