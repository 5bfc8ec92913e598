package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store-crash drill in the suite: the whole platform started from the services' jars by its own
 * launcher ({@link LaunchedPlatform}, shared with the other whole-platform tests), applications
 * filed through the gateway while the store is killed with SIGKILL twice and restarted by the
 * launcher. Nothing acknowledged may be lost or doubled, and every process must be UP again within
 * 30 s of the store's return.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(LaunchedPlatform.class)
class StoreCrashDrillIT {

    @Test
    void acknowledgedApplicationsSurviveTwoStoreKillsWithOneEventEachAndEveryServiceRecovers()
            throws Exception {
        LaunchedPlatform.Running platform = LaunchedPlatform.platform();
        String tokenCommand = platform.tokenCommand();
        StoreCrashDrill.Options options =
                new StoreCrashDrill.Options(
                        platform.gateway(),
                        platform.broker(),
                        new PlatformState(platform.runDir()),
                        300,
                        4,
                        2,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        "manon",
                        "farid",
                        user -> Shell.output(tokenCommand.replace("%s", user)));

        StoreCrashDrill.Result result = new StoreCrashDrill(options).run();

        System.out.println(result.report());
        if (!result.passed()) {
            platform.printLogTails();
        }
        assertThat(result.recoveries()).hasSize(2);
        assertThat(result.acknowledged()).isGreaterThanOrEqualTo(300);
        assertThat(result.lost()).as("acknowledged writes lost").isZero();
        assertThat(result.withoutEvent()).as("acknowledged writes without their event").isZero();
        assertThat(result.duplicated()).as("writes with two events").isZero();
        assertThat(result.withoutFinanceAccount())
                .as("members without their finance account")
                .isZero();
        assertThat(result.recoveries())
                .allSatisfy(
                        r ->
                                assertThat(r.notUpInTime())
                                        .as("not UP 30 s after the store's return")
                                        .isEmpty());
        assertThat(result.problems()).isEmpty();
    }
}
