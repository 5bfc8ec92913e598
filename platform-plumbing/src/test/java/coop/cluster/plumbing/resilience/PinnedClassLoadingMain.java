package coop.cluster.plumbing.resilience;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link PinnedClassLoading} once in this JVM: {@code virtual|platform [loaders]}. Prints
 * {@code COMPLETED} and exits 0 if every thread finished within 5 s; else prints {@code STUCK} and
 * a thread dump (virtual threads included) and halts with 2, since the stuck virtual threads would
 * never let the JVM exit.
 */
public final class PinnedClassLoadingMain {

    private PinnedClassLoadingMain() {}

    public static void main(String[] args) throws Exception {
        boolean virtual = "virtual".equals(args[0]);
        int loaders =
                args.length > 1
                        ? Integer.parseInt(args[1])
                        : Runtime.getRuntime().availableProcessors();
        Thread.Builder threads = virtual ? Thread.ofVirtual() : Thread.ofPlatform();
        PinnedClassLoading scenario = new PinnedClassLoading();

        long start = System.nanoTime();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1 + loaders);
        List<Thread> started = new ArrayList<>();
        started.add(
                threads.name("resource-reader")
                        .start(
                                () -> {
                                    try {
                                        scenario.holdJar(held, Duration.ofMillis(500));
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    done.countDown();
                                }));
        held.await();
        for (int i = 0; i < loaders; i++) {
            started.add(
                    threads.name("class-user-" + i)
                            .start(
                                    () -> {
                                        scenario.loadThroughTheJvm();
                                        done.countDown();
                                    }));
        }
        if (done.await(5, TimeUnit.SECONDS)) {
            System.out.printf(
                    "COMPLETED %s threads, %d loaders, in %d ms%n",
                    virtual ? "virtual" : "platform",
                    loaders,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            System.exit(0);
        }
        System.out.printf(
                "STUCK %s threads, %d loaders: %d of %d threads never finished%n",
                virtual ? "virtual" : "platform", loaders, done.getCount(), started.size());
        Path dump = Files.createTempFile("pinned-class-loading-", ".txt");
        Files.delete(dump);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        System.out.println(Files.readString(dump));
        Files.delete(dump);
        System.out.flush();
        Runtime.getRuntime().halt(2);
    }
}
