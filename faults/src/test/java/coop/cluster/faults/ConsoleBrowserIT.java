package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (headless Chromium) on the whole platform started by its launcher
 * ({@link LaunchedPlatform}): a visitor's public page in French then English, Amina's login at the issuer and her
 * home page with her organisation. axe-core runs on every console page and fails the test on serious or critical
 * violations; screenshots at desktop (1280) and phone (390) widths go to docs/screenshots/console/.
 * <p>
 * It lives here, next to the launcher harness the journeys share, rather than in module web: the platform starts
 * once per test JVM for all of them. Needs Debian's {@code chromium} and {@code chromium-driver}; without them it
 * fails with the command that installs them, never skips.
 */
@ExtendWith(LaunchedPlatform.class)
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    private static WebDriver browser;
    private static String axeSource;

    @BeforeAll
    static void openBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            installChromium();
        }
        try (InputStream in = ConsoleBrowserIT.class.getClassLoader().getResourceAsStream(AXE)) {
            assertThat(in).as(AXE + " (org.webjars.npm:axe-core)").isNotNull();
            axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=fr-FR", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /**
     * Chromium is a system package, not a Maven artifact: as root, the test installs Debian's packages itself
     * (never skips); otherwise it fails with the one command to run.
     */
    private static void installChromium() {
        String command = "apt-get install -y chromium chromium-driver";
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("ConsoleBrowserIT needs Chromium and its driver; install them with: sudo " + command);
        }
        try {
            ProcessBuilder apt = new ProcessBuilder("sh", "-c", "apt-get update -qq && " + command).inheritIO();
            apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
            int exit = apt.start().waitFor();
            if (exit != 0 || !Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
                fail("Installing Chromium failed (exit " + exit + "); install it with: " + command);
            }
        } catch (IOException e) {
            fail("Installing Chromium failed (" + e.getMessage() + "); install it with: " + command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted while installing Chromium");
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aVisitorThenAminaUseTheConsole() {
        LaunchedPlatform.Running platform = LaunchedPlatform.platform();

        browser.get(platform.console());
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("cluster");
        assertNoSeriousAccessibilityProblems("/ (fr)");
        screenshots("public");

        browser.findElement(By.linkText("English")).click();
        wait(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        assertNoSeriousAccessibilityProblems("/ (en)");
        browser.findElement(By.linkText("Français")).click();
        wait(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "fr"));

        browser.findElement(By.cssSelector("main a.btn-primary")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith(platform.issuer() + "/login");
        browser.findElement(By.id("username")).sendKeys("amina@demo.cluster.coop");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait(ExpectedConditions.urlToBe(platform.console() + "home"));
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("organisation"), "Atlas Agritech"));
        assertNoSeriousAccessibilityProblems("/home");
        screenshots("home");
    }

    private static void wait(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
    }

    /** axe-core's WCAG 2.1 A and AA rules on the current page; serious or critical violations fail the test. */
    @SuppressWarnings("unchecked")
    private static void assertNoSeriousAccessibilityProblems(String page) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axeSource);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        List<String> violations = (List<String>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(r.violations
                      .filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                          + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        assertThat(violations).as("axe-core on " + page).isEmpty();
    }

    /** Desktop (1280) and phone (390) screenshots of the current page, whole height. */
    private static void screenshots(String name) {
        Path dir = LaunchedPlatform.platform().home().resolve("docs/screenshots/console");
        try {
            Files.createDirectories(dir);
            for (int width : new int[] {1280, 390}) {
                browser.manage().window().setSize(new Dimension(width, 900));
                long height = (Long) ((JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.scrollHeight");
                browser.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 3000)));
                Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(shot, dir.resolve(name + "-" + (width == 1280 ? "desktop" : "phone") + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            browser.manage().window().setSize(new Dimension(1280, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
