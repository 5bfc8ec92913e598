package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console when a service is down, in a real browser: project-service is killed (SIGKILL),
 * Amina's home still shows her organisation while the invitations panel says it is unavailable;
 * once the launcher has restarted the service the same page shows the invitations again. Then the
 * page at phone width (360 px) needs no sideways scrolling.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(LaunchedPlatform.class)
class ConsoleOutageBrowserIT {

    @Test
    void aServiceThatIsDownGreysOutItsPanelOnlyAndThePageComesBackWithIt() {
        ConsoleBrowser browser = ConsoleBrowser.open();
        PlatformState state = new PlatformState(browser.platform().runDir());
        browser.signIn("amina");
        // a platform just started answers its first requests slowly: reload until both panels are
        // there
        Instant ready = Instant.now().plus(Duration.ofSeconds(60));
        while (!(browser.find(By.id("organisation")).getText().contains("Atlas Agritech")
                        && !browser.find(By.id("invitations")).getText().contains("indisponible"))
                && Instant.now().isBefore(ready)) {
            sleep(2000);
            browser.get("/home");
        }
        assertThat(browser.find(By.id("organisation")).getText()).contains("Atlas Agritech");
        assertThat(browser.find(By.id("invitations")).getText()).doesNotContain("indisponible");

        PlatformState.killHard(state.process("project-service"));
        try {
            browser.get("/home");
            browser.waitForText(By.id("invitations"), "indisponible");
            assertThat(browser.find(By.id("organisation")).getText()).contains("Atlas Agritech");
            browser.assertAccessible("/home with project-service down")
                    .screenshots("home-service-down");
        } finally {
            state.requestRestart("project-service");
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!PlatformState.isUp(state.process("project-service"))
                && Instant.now().isBefore(deadline)) {
            sleep(1000);
        }
        assertThat(PlatformState.isUp(state.process("project-service")))
                .as("project-service restarted")
                .isTrue();
        // the gateway's circuit breaker waits 10 s in the open state before it tries the service
        // again
        Instant back = Instant.now().plus(Duration.ofSeconds(60));
        do {
            browser.get("/home");
            if (!browser.find(By.id("invitations")).getText().contains("indisponible")) {
                break;
            }
            sleep(2000);
        } while (Instant.now().isBefore(back));
        assertThat(browser.find(By.id("invitations")).getText()).doesNotContain("indisponible");

        browser.width(360).get("/home");
        long overflow =
                (Long)
                        ((JavascriptExecutor) browser.driver())
                                .executeScript(
                                        "return document.documentElement.scrollWidth -"
                                                + " document.documentElement.clientWidth");
        assertThat(overflow).as("sideways scrolling at 360 px").isLessThanOrEqualTo(0);
        browser.width(1280);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
