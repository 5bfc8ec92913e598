package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault run in the suite, small: 2,000 business operations (applications and admissions, ledger
 * postings, feed pushes, projects with invitations and answers) through the gateway of a platform
 * started by its own launcher, while every process (each service, the issuer, the broker, the
 * store, the gateway) is killed with SIGKILL and restarted, the services and the issuer two at a
 * time (restarted together). Checked from the stores and topics: nothing acknowledged lost, nothing
 * doubled, trial balance zero, seals verify, consumer lag back at 0 within 30 s. {@code ./platform
 * chaos} runs the same with 100,000 operations, one process at a time.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(LaunchedPlatform.class)
class ChaosRunIT {

    @Test
    void operationsSurviveEveryProcessKilledInTurnWithNothingLostOrDoubled() throws Exception {
        LaunchedPlatform.Running platform = LaunchedPlatform.platform();
        int operations = Integer.getInteger("chaos.operations", 2_000);
        String userTokens = platform.tokenCommand();
        String feedToken =
                "ISSUER="
                        + platform.issuer()
                        + " '"
                        + platform.home().resolve("scripts/token.sh")
                        + "' --client feed-eu-portal feed-eu-portal-secret";
        ChaosRun.Options options =
                new ChaosRun.Options(
                        platform.gateway(),
                        platform.broker(),
                        "mongodb://127.0.0.1:" + platform.port(27017),
                        new PlatformState(platform.runDir()),
                        operations,
                        8,
                        ChaosRun.PAIRED_KILLS,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(30),
                        user ->
                                Shell.output(
                                        "feed".equals(user)
                                                ? feedToken
                                                : userTokens.replace("%s", user)));

        ChaosChecks.Result result = new ChaosRun(options).run();

        System.out.println(result.report());
        if (!result.passed()) {
            platform.printLogTails();
        }
        assertThat(result.kills())
                .extracting(ChaosRun.Kill::process)
                .containsExactlyElementsOf(ChaosRun.DEFAULT_KILLS);
        assertThat(result.operations()).isGreaterThanOrEqualTo(operations);
        assertThat(result.checked())
                .as("what was checked in the stores and topics")
                .containsKeys("members", "journal entries", "calls", "projects", "invitations");
        assertThat(result.checked().get("journal entries")).isPositive();
        assertThat(result.lost()).as("acknowledged effects lost").isZero();
        assertThat(result.doubled()).as("effects doubled").isZero();
        assertThat(result.balanced()).as("trial balance zero").isTrue();
        assertThat(result.sealsVerify()).as("seal chain verifies").isTrue();
        assertThat(result.lagZeroSeconds()).as("seconds to zero lag").isBetween(0.0, 30.0);
        assertThat(result.problems()).isEmpty();
    }
}
