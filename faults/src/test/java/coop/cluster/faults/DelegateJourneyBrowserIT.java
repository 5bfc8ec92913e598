package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A delegate's council journey in a real browser on the whole platform: camille (Atlas Agritech's
 * delegate) tables next year's fee schedule and votes for it on its confirmation page; dario
 * (Brabant Photonics) votes against, then changes his vote to "for" before the close; while dario's
 * page stays open, delphine (Delta Mecatronique, the third seat) votes through the API and the
 * tally updates without a reload (htmx polling) until the result, "adopted", shows. The vote closes
 * early because every seat of the electorate has voted; had another seat been added by an earlier
 * test of the same JVM, the page would show the result at the deadline instead (tabled four minutes
 * ahead, the API allowing one minute at least; the sweeper closes it within ten seconds after),
 * which the wait allows.
 *
 * <p>Setup through the API as the demo script does ({@code scripts/membership-demo.sh}): amina
 * nominates camille and bruno nominates dario, who accept their seats. axe-core runs on every page
 * visited; screenshots of the council, the proposal with its tally and the resolutions go to
 * docs/screenshots/console/.
 */
@ExtendWith(LaunchedPlatform.class)
class DelegateJourneyBrowserIT {

    static final String ATLAS = "11111111-1111-4111-8111-111111111111";
    static final String BRABANT = "22222222-2222-4222-8222-222222222222";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void camilleTablesAFeeScheduleAndTheCouncilVotesItThrough() throws Exception {
        LaunchedPlatform.Running platform = LaunchedPlatform.platform();
        seat(platform, "amina", ATLAS, "camille", "Camille");
        seat(platform, "bruno", BRABANT, "dario", "Dario");
        int year = LocalDateTime.now().getYear() + 1;
        String title =
                "Cotisations "
                        + year
                        + " – "
                        + Long.toString(System.currentTimeMillis() % 100000, 36);

        ConsoleBrowser browser = ConsoleBrowser.open();
        signIn(browser, "camille").get("/council");
        browser.waitForText(By.tagName("h1"), "Conseil");
        browser.assertAccessible("/council");

        browser.find(By.cssSelector("main a[href='/council/proposals/new']")).click();
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("amount-SME")));
        browser.assertAccessible("/council/proposals/new");
        browser.find(By.id("title")).sendKeys(title);
        String deadline =
                LocalDateTime.now(ZoneId.of("Europe/Paris"))
                        .plusMinutes(4)
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        ((JavascriptExecutor) browser.driver())
                .executeScript(
                        "arguments[0].value = arguments[1];",
                        browser.find(By.id("deadline")),
                        deadline);
        assertThat(browser.find(By.id("feeYear")).getAttribute("value"))
                .isEqualTo(Integer.toString(year));
        String[][] amounts = {
            {"SME", "450,00"},
            {"LARGE_COMPANY", "1500"},
            {"RESEARCH", "300"},
            {"EDUCATION", "300"},
            {"ASSOCIATION", "150"},
            {"PUBLIC_BODY", "600"}
        };
        for (String[] amount : amounts) {
            browser.find(By.id("amount-" + amount[0])).sendKeys(amount[1]);
        }
        click(browser, By.id("table-proposal"));

        browser.waitFor(ExpectedConditions.urlMatches("/council/proposals/[0-9a-f-]{36}$"));
        String proposalPath = URI.create(browser.driver().getCurrentUrl()).getPath();
        String proposalId = proposalPath.substring(proposalPath.lastIndexOf('/') + 1);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(title);
        assertThat(browser.find(By.id("tally-state")).getText()).contains("Vote ouvert jusqu");
        browser.assertAccessible("proposal (tabled)");

        vote(browser, proposalId, "FOR");
        browser.waitForText(By.id("vote-confirmation"), "est enregistré");
        assertThat(browser.find(By.id("my-vote")).getText()).contains("Pour");
        assertThat(browser.find(By.id("tally-for")).getText()).isEqualTo("1");

        signIn(browser, "dario").get(proposalPath);
        browser.waitForText(By.id("tally-for"), "1");
        vote(browser, proposalId, "AGAINST");
        browser.waitForText(By.id("vote-confirmation"), "est enregistré");
        assertThat(browser.find(By.id("tally-against")).getText()).isEqualTo("1");

        // the vote changed before the close: its own confirmation page says which vote it replaces
        click(browser, By.cssSelector("a[href$='/vote?choice=FOR']"));
        browser.waitForText(By.tagName("main"), "remplace votre vote actuel");
        browser.assertAccessible("vote confirmation (change)");
        click(browser, By.id("confirm-vote"));
        browser.waitForText(By.id("vote-confirmation"), "Votre vote est changé");
        assertThat(browser.find(By.id("tally-for")).getText()).isEqualTo("2");
        assertThat(browser.find(By.id("tally-against")).getText()).isEqualTo("0");
        assertThat(browser.find(By.id("ballots-title")).isDisplayed()).isTrue();
        assertThat(browser.find(By.tagName("main")).getText()).contains("Pour (vote changé)");
        browser.assertAccessible("proposal (vote changed)");

        // the last seat votes elsewhere: the open page updates itself, no reload (the marker
        // survives)
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("window.noReload = 'still here';");
        assertThat(
                        api(
                                        platform,
                                        "delphine",
                                        "POST",
                                        "/api/council/proposals/" + proposalId + "/votes",
                                        "{\"choice\":\"FOR\"}")
                                .statusCode())
                .isEqualTo(201);
        new WebDriverWait(browser.driver(), Duration.ofMinutes(6))
                .until(
                        ExpectedConditions.textToBePresentInElementLocated(
                                By.id("tally-state"), "adoptée"));
        assertThat(js.executeScript("return window.noReload;")).isEqualTo("still here");
        assertThat(browser.find(By.id("tally-live")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(browser.find(By.id("tally-for")).getText()).isEqualTo("3");
        browser.assertAccessible("proposal (adopted)").screenshots("proposal");

        browser.get("/council/resolutions");
        browser.waitForText(By.id("fee-schedules"), Integer.toString(year));
        browser.assertAccessible("/council/resolutions").screenshots("resolutions");
        browser.get("/council");
        browser.waitForText(By.id("all-proposals"), title);
        browser.assertAccessible("/council (with the result)").screenshots("council");
    }

    /**
     * Signs a person in with no one's session left anywhere: {@link ConsoleBrowser#signIn} clears
     * the console's cookies, and this also clears the issuer's (another origin), so the issuer asks
     * for the new person's login.
     */
    static ConsoleBrowser signIn(ConsoleBrowser browser, String person) {
        ((org.openqa.selenium.chromium.HasCdp) browser.driver())
                .executeCdpCommand(
                        "Network.clearBrowserCookies", java.util.Map.<String, Object>of());
        return browser.signIn(person);
    }

    /**
     * Clicks an element, scrolled into view first; the click is the element's own (JavaScript), as
     * Chromium headless refused native clicks on buttons below the first screen ("not clickable at
     * point").
     */
    static void click(ConsoleBrowser browser, By by) {
        click(browser, browser.find(by));
    }

    static void click(ConsoleBrowser browser, WebElement element) {
        ((JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].click();", scrollTo(browser, element));
    }

    static WebElement scrollTo(ConsoleBrowser browser, WebElement element) {
        ((JavascriptExecutor) browser.driver())
                .executeScript(
                        "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
                        element);
        return element;
    }

    /** From the proposal's page: the vote button, its confirmation page, the ballot. */
    private static void vote(ConsoleBrowser browser, String proposalId, String choice) {
        WebElement button =
                browser.find(
                        By.cssSelector(
                                "a[href$='/council/proposals/"
                                        + proposalId
                                        + "/vote?choice="
                                        + choice
                                        + "']"));
        click(browser, button);
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("confirm-vote")));
        assertThat(browser.find(By.tagName("main")).getText())
                .contains("Vous pourrez changer votre vote jusqu");
        browser.assertAccessible("vote confirmation (" + choice + ")");
        if ("FOR".equals(choice)) {
            browser.screenshots("vote-confirmation");
        }
        click(browser, By.id("confirm-vote"));
        browser.waitFor(ExpectedConditions.urlMatches("/council/proposals/" + proposalId + "$"));
    }

    /**
     * Seats a delegate as {@code scripts/membership-demo.sh} does: a member user nominates them
     * (the identity service's "joined" may still be on its way: 422 is asked again for up to a
     * minute), they accept.
     */
    static void seat(
            LaunchedPlatform.Running platform,
            String nominator,
            String member,
            String delegate,
            String name)
            throws Exception {
        String body =
                "{\"subject\":\""
                        + delegate
                        + "\",\"name\":\""
                        + name
                        + "\",\"email\":\""
                        + delegate
                        + "@demo.cluster.coop\"}";
        HttpResponse<String> nominated = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            nominated =
                    api(platform, nominator, "PUT", "/api/members/" + member + "/delegate", body);
            if (nominated.statusCode() != 422) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(nominated.statusCode())
                .as("nominating " + delegate + ": " + nominated.body())
                .isIn(200, 202);
        HttpResponse<String> accepted =
                api(
                        platform,
                        delegate,
                        "POST",
                        "/api/members/" + member + "/delegate/acceptance",
                        null);
        assertThat(accepted.statusCode())
                .as("accepting the seat: " + accepted.body())
                .isEqualTo(200);
    }

    static HttpResponse<String> api(
            LaunchedPlatform.Running platform,
            String person,
            String method,
            String path,
            String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(platform.gateway().resolve(path))
                        .header("Authorization", "Bearer " + token(platform, person))
                        .header("Accept-Language", "fr")
                        .timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(LaunchedPlatform.Running platform, String person)
            throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder("bash", "-c", platform.tokenCommand().formatted(person))
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        String token =
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("token of " + person).isZero();
        return token;
    }
}
