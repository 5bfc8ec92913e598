package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web console in a real browser ({@link ConsoleBrowser}: headless Chromium) on the whole
 * platform started by its launcher ({@link LaunchedPlatform}): a visitor's public page in French
 * then English, with the members who chose to be listed, Amina's login at the issuer and her home
 * page with her organisation. axe-core runs on every page and fails the test on serious or critical
 * violations; screenshots at desktop (1280) and phone (390) widths go to docs/screenshots/console/.
 *
 * <p>The browser tests live here, next to the launcher harness the journeys share, rather than in
 * module web: the platform starts once per test JVM for all of them.
 */
@ExtendWith(LaunchedPlatform.class)
class ConsoleBrowserIT {

    @Test
    void aVisitorThenAminaUseTheConsole() {
        ConsoleBrowser browser = ConsoleBrowser.open();
        browser.driver().manage().deleteAllCookies();

        browser.get("/");
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.find(By.tagName("h1")).getText()).contains("cluster");
        // the members who chose to be listed, read anonymously from /api/public/members; the others
        // are not shown
        String listed = browser.find(By.id("members")).getText();
        assertThat(listed)
                .contains("Atlas Agritech SARL", "Delta Mecatronique SAS")
                .doesNotContain("Brabant Photonics", "Cluster Marbre", "indisponible");
        assertThat(browser.find(By.id("reports")).getText()).doesNotContain("indisponible");
        browser.assertAccessible("/ (fr)").screenshots("public");

        browser.find(By.linkText("English")).click();
        browser.waitFor(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        browser.assertAccessible("/ (en)");
        browser.find(By.linkText("Français")).click();
        browser.waitFor(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "fr"));

        browser.find(By.cssSelector("main a.btn-primary")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(browser.driver().getCurrentUrl())
                .startsWith(browser.platform().issuer() + "/login");
        browser.find(By.id("username")).sendKeys("amina@demo.cluster.coop");
        browser.find(By.id("password")).sendKeys("demo");
        browser.find(By.cssSelector("button[type=submit]")).click();

        browser.waitFor(ExpectedConditions.urlToBe(browser.platform().console() + "home"));
        browser.waitForText(By.id("organisation"), "Atlas Agritech");
        browser.assertAccessible("/home").screenshots("home");
        browser.signOut();
    }
}
