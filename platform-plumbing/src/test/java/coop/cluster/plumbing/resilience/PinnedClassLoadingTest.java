package coop.cluster.plumbing.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.ChildJvm;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The root cause of the store-outage hang (docs/resilience.md), reproduced on this JDK in a child
 * JVM: virtual threads that the JVM pins while it loads a class block every carrier, and the
 * virtual thread holding the lock they wait for never runs again, on 2 carriers as on 8. The same
 * work on platform threads finishes in half a second. This is why the services run their blocking
 * work on platform threads.
 */
class PinnedClassLoadingTest {

    @ParameterizedTest(name = "{0} carriers")
    @ValueSource(ints = {2, 8})
    void virtualThreadsPinnedByClassLoadingNeverRunAgain(int carriers) {
        try (ChildJvm child = scenario("virtual", carriers)) {
            assertThat(child.waitForExit(Duration.ofSeconds(60)))
                    .as("the child gives up after 5 s")
                    .isTrue();
            assertThat(child.outputText())
                    .as(child.outputTail(60))
                    .contains("STUCK virtual threads, " + carriers + " loaders")
                    // the incident's thread dump: one holds the class-loading lock and waits for
                    // the jar's monitor,
                    // the others wait for the class-loading lock, the holder of the jar's monitor
                    // is asleep for good
                    .contains("waiting to lock")
                    .contains("GatedLoader.loadClass")
                    .contains("holdJar");
            assertThat(child.exitCode()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0} carriers")
    @ValueSource(ints = {2, 8})
    void platformThreadsDoTheSameWorkAndFinish(int carriers) {
        try (ChildJvm child = scenario("platform", carriers)) {
            assertThat(child.waitForExit(Duration.ofSeconds(60))).isTrue();
            assertThat(child.outputText())
                    .as(child.outputTail(60))
                    .contains("COMPLETED platform threads, " + carriers + " loaders");
            assertThat(child.exitCode()).isZero();
        }
    }

    private static ChildJvm scenario(String threads, int carriers) {
        return ChildJvm.builder(PinnedClassLoadingMain.class)
                .name("pinned-class-loading-" + threads + "-" + carriers)
                .systemProperty(
                        "jdk.virtualThreadScheduler.parallelism", Integer.toString(carriers))
                // maxPoolSize left at its default (256): the scheduler adds no carrier for a thread
                // pinned this way
                .args(threads, Integer.toString(carriers))
                .start();
    }
}
