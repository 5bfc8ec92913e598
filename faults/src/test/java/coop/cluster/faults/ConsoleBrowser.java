package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium on the web console of the {@link LaunchedPlatform}, shared by every browser
 * test of the JVM (one browser start, one platform start): signing a demo person in and out through
 * the issuer's pages (with the demo second factor for staff), axe-core on a page, screenshots at
 * desktop and phone widths.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}: installed by the test itself when
 * it runs as root, else the test fails with the command to run. It never skips.
 */
public final class ConsoleBrowser {

    private static final Path CHROMIUM =
            Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    /**
     * The demo staff's TOTP secret (docs/identity.md, "Demo second factor"): the 20 bytes
     * "cluster-demo-totp-20".
     */
    private static final byte[] DEMO_TOTP =
            "cluster-demo-totp-20".getBytes(StandardCharsets.US_ASCII);

    private static final Map<String, Long> LAST_TOTP_STEP = new HashMap<>();

    private static ConsoleBrowser shared;

    private final WebDriver driver;
    private final String axeSource;
    private final LaunchedPlatform.Running platform;

    private ConsoleBrowser(WebDriver driver, String axeSource, LaunchedPlatform.Running platform) {
        this.driver = driver;
        this.axeSource = axeSource;
        this.platform = platform;
    }

    /**
     * The shared browser (started on first use, quit when the JVM ends), on the launched platform,
     * with no cookies of any site: every test starts as a signed-out visitor whatever the previous
     * one left.
     */
    public static synchronized ConsoleBrowser open() {
        if (shared == null) {
            LaunchedPlatform.Running platform = LaunchedPlatform.platform();
            if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
                installChromium();
            }
            String axe;
            try (InputStream in = ConsoleBrowser.class.getClassLoader().getResourceAsStream(AXE)) {
                assertThat(in).as(AXE + " (org.webjars.npm:axe-core)").isNotNull();
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-dev-shm-usage",
                    "--disable-gpu",
                    "--lang=fr-FR",
                    "--window-size=1280,900");
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
            ChromeDriverService service =
                    new ChromeDriverService.Builder()
                            .usingDriverExecutable(CHROMEDRIVER.toFile())
                            .usingAnyFreePort()
                            .build();
            WebDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            shared = new ConsoleBrowser(driver, axe, platform);
            Runtime.getRuntime().addShutdownHook(new Thread(driver::quit, "console-browser-quit"));
        }
        shared.clearCookies();
        shared.driver.manage().window().setSize(new Dimension(1280, 900));
        return shared;
    }

    /**
     * Chromium is a system package, not a Maven artifact: as root, the test installs Debian's
     * packages itself (never skips); otherwise it fails with the one command to run.
     */
    private static void installChromium() {
        String command = "apt-get install -y chromium chromium-driver";
        if (!"root".equals(System.getProperty("user.name"))) {
            fail(
                    "The browser tests need Chromium and its driver; install them with: sudo "
                            + command);
        }
        try {
            ProcessBuilder apt =
                    new ProcessBuilder("sh", "-c", "apt-get update -qq && " + command).inheritIO();
            apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
            int exit = apt.start().waitFor();
            if (exit != 0 || !Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
                fail("Installing Chromium failed (exit " + exit + "); install it with: " + command);
            }
        } catch (IOException e) {
            fail(
                    "Installing Chromium failed ("
                            + e.getMessage()
                            + "); install it with: "
                            + command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted while installing Chromium");
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public LaunchedPlatform.Running platform() {
        return platform;
    }

    /** Opens a console path ("/", "/home", "/directory?q=agri") through the gateway. */
    public ConsoleBrowser get(String path) {
        driver.get(platform.console() + (path.startsWith("/") ? path.substring(1) : path));
        return this;
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition);
    }

    /** Waits until the element has the text (htmx updates, redirects). */
    public ConsoleBrowser waitForText(By by, String text) {
        waitFor(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return this;
    }

    /**
     * Signs a demo person in ({@code amina}, {@code manon}, ...: {@code <name>@demo.cluster.coop},
     * password {@code demo}) from the console's public page through the issuer's login page, with
     * the demo second factor when the issuer asks for one; ends on their home page. Signs out
     * whoever was signed in before.
     */
    public ConsoleBrowser signIn(String person) {
        clearCookies();
        get("/oauth2/authorization/cluster");
        try {
            waitFor(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "no login form for "
                            + person
                            + "; the browser shows "
                            + driver.getCurrentUrl()
                            + ":\n"
                            + find(By.tagName("body")).getText(),
                    e);
        }
        assertThat(driver.getCurrentUrl()).startsWith(platform.issuer() + "/login");
        find(By.id("username")).sendKeys(person + "@demo.cluster.coop");
        find(By.id("password")).sendKeys("demo");
        find(By.cssSelector("button[type=submit]")).click();
        waitFor(
                d ->
                        d.getCurrentUrl().startsWith(platform.console())
                                || !d.findElements(By.id("code")).isEmpty());
        if (!driver.findElements(By.id("code")).isEmpty()) {
            find(By.id("code")).sendKeys(nextDemoCode(person));
            find(By.cssSelector("button[type=submit]")).click();
        }
        waitFor(ExpectedConditions.urlToBe(platform.console() + "home"));
        return this;
    }

    /**
     * Forgets every cookie of every site (the console's and the issuer's sessions), as a new
     * browser would.
     */
    public ConsoleBrowser clearCookies() {
        ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        return this;
    }

    /**
     * Signs out with the header's button: the console's session and the issuer's end, back on the
     * public page.
     */
    public ConsoleBrowser signOut() {
        find(By.cssSelector("header form[action$='/logout'] button")).click();
        try {
            waitFor(ExpectedConditions.urlToBe(platform.console()));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "logout did not come back to the console; the browser shows "
                            + driver.getCurrentUrl()
                            + ":\n"
                            + find(By.tagName("body")).getText(),
                    e);
        }
        return this;
    }

    /**
     * axe-core's WCAG 2.1 A and AA rules on the current page; serious or critical violations fail
     * the test.
     */
    @SuppressWarnings("unchecked")
    public ConsoleBrowser assertAccessible(String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axeSource);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        List<String> violations =
                (List<String>)
                        js.executeAsyncScript(
                                """
                                const done = arguments[arguments.length - 1];
                                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                                  .then(r => done(r.violations
                                      .filter(v => v.impact === 'serious' || v.impact === 'critical')
                                      .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                                          + v.nodes.map(n => n.target.join(' ')).join(', '))))
                                  .catch(e => done(['axe failed: ' + e]));
                                """);
        assertThat(violations).as("axe-core on " + page).isEmpty();
        return this;
    }

    /**
     * Desktop (1280) and phone (390) screenshots of the current page, whole height, in
     * docs/screenshots/console/.
     */
    public ConsoleBrowser screenshots(String name) {
        Path dir = platform.home().resolve("docs/screenshots/console");
        try {
            Files.createDirectories(dir);
            for (int width : new int[] {1280, 390}) {
                driver.manage().window().setSize(new Dimension(width, 900));
                long height =
                        (Long)
                                ((JavascriptExecutor) driver)
                                        .executeScript(
                                                "return document.documentElement.scrollHeight");
                driver.manage()
                        .window()
                        .setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 3000)));
                Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(
                        shot,
                        dir.resolve(name + "-" + (width == 1280 ? "desktop" : "phone") + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            driver.manage().window().setSize(new Dimension(1280, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Resizes the window (a phone is 360 or 390 wide). */
    public ConsoleBrowser width(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        return this;
    }

    /**
     * The next demo TOTP code for a person: each code is accepted once, the previous, current and
     * next 30 s steps are, so each login takes the next step not used yet, waiting for the clock
     * past those.
     */
    private static synchronized String nextDemoCode(String person) {
        long current = Instant.now().getEpochSecond() / 30;
        long step =
                Math.max(current - 1, LAST_TOTP_STEP.getOrDefault(person, Long.MIN_VALUE / 2) + 1);
        while (step > Instant.now().getEpochSecond() / 30 + 1) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        LAST_TOTP_STEP.put(person, step);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(DEMO_TOTP, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary =
                    ((hash[offset] & 0x7f) << 24)
                            | ((hash[offset + 1] & 0xff) << 16)
                            | ((hash[offset + 2] & 0xff) << 8)
                            | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
