package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A new organisation's people get in, on the whole platform as {@code ./platform run} starts it
 * ({@link LaunchedPlatform}): {@code scripts/onboarding-demo.sh} through the gateway, with the
 * emails read from the platform's own SMTP server. Sign-up, email confirmation, application,
 * admission (the applicant becomes admin), invitation by email, password set from the link, login
 * with PKCE, the token's organisation and roles, a project invitation accepted for the
 * organisation, a delegate appointed only among its people, a vote, and a person removed whose next
 * call is refused. The script checks each answer and fails on the first unexpected one.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(LaunchedPlatform.class)
class OnboardingJourneyIT {

    @Test
    void aNewOrganisationsPeopleGetInThroughTheGateway() throws IOException, InterruptedException {
        LaunchedPlatform.Running platform = LaunchedPlatform.platform();
        ProcessBuilder script =
                new ProcessBuilder(
                                "bash",
                                platform.home().resolve("scripts/onboarding-demo.sh").toString(),
                                platform.gateway().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(platform.runDir().resolve("onboarding-demo.out").toFile());
        script.environment().put("ISSUER", platform.issuer());
        script.environment().put("MAIL_API", platform.mailApi());
        Process process = script.start();
        String output;
        boolean finished = process.waitFor(Duration.ofMinutes(4).toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        output =
                Files.readString(
                        platform.runDir().resolve("onboarding-demo.out"), StandardCharsets.UTF_8);
        System.out.println(output);
        if (!finished || process.exitValue() != 0) {
            platform.printLogTails();
        }
        assertThat(finished).as("the onboarding demo finished within 4 minutes").isTrue();
        assertThat(process.exitValue()).as("the onboarding demo's exit code").isZero();
        assertThat(output).contains("onboarding demo: OK");
    }
}
