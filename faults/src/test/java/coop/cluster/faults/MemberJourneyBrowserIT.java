package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Amina, the contact person of Atlas Agritech, in the web console on the whole platform ({@link
 * LaunchedPlatform}, {@link ConsoleBrowser}): set up through the API, Brabant Photonics (bruno)
 * starts a project and invites Atlas; in the browser amina accepts the invitation from her home
 * page; bruno proposes the partnership agreement; amina opens the project, signs the version on its
 * confirmation page and sees her signature. Then a stale profile edit: the profile changes through
 * the API while her edit form is open, her submission comes back with the stale message, what she
 * typed and what is stored now, and her second submission saves. Then the directory, a funding call
 * she watches, her invoices, and her home at 360 px without horizontal overflow. axe-core on every
 * page; screenshots of the main ones (docs/screenshots/console/member-*.png).
 */
@ExtendWith(LaunchedPlatform.class)
class MemberJourneyBrowserIT {

    private static final String ATLAS = "11111111-1111-4111-8111-111111111111";
    private static final String BRABANT = "22222222-2222-4222-8222-222222222222";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LaunchedPlatform.Running platform;

    @Test
    void aminaAcceptsSignsAndEditsHerProfileFromTheConsole() throws Exception {
        platform = LaunchedPlatform.platform();
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        String title = "Tri optique des olives " + stamp;
        String bruno = token("bruno");

        // Brabant starts a project, opens it, invites Atlas
        String project =
                JsonPath.read(
                        api(
                                "POST",
                                "/api/projects",
                                bruno,
                                """
                                {"title":"%s","theme":"agritech","description":"Tri des olives par vision au moulin",
                                 "neededCompetences":["olive oil","irrigation"]}\
                                """
                                        .formatted(title),
                                201),
                        "$.id");
        api("POST", "/api/projects/" + project + "/open", bruno, null, 200);
        api(
                "POST",
                "/api/projects/" + project + "/invitations",
                bruno,
                """
                {"memberId":"%s","role":"site pilote","message":"Votre moulin serait notre site pilote"}\
                """
                        .formatted(ATLAS),
                201);

        ConsoleBrowser browser = ConsoleBrowser.open();
        browser.signIn("amina");
        browser.waitForText(By.id("invitations"), title);
        browser.assertAccessible("/home").screenshots("member-home");

        // notification-service told her too: the header's badge counts it, her inbox lists it,
        // opening it marks it
        // read and leads to the invitations on her home page
        String notice = "Invitation au projet " + title;
        browser.waitFor(
                d -> {
                    browser.get("/inbox");
                    return d.findElement(By.id("inbox-list")).getText().contains(notice);
                });
        browser.waitFor(d -> !d.findElements(By.cssSelector("#inbox-badge .badge")).isEmpty());
        browser.assertAccessible("/inbox").screenshots("member-inbox");
        WebElement item =
                browser.findAll(By.cssSelector("#inbox-list li")).stream()
                        .filter(li -> li.getText().contains(notice))
                        .findFirst()
                        .orElseThrow();
        assertThat(item.getText()).contains("Nouveau", "Atlas Agritech SARL", "site pilote");
        click(browser, item.findElement(By.cssSelector("form[action$='/open'] button")));
        browser.waitFor(d -> d.getCurrentUrl().endsWith("/home#invitations"));
        browser.waitForText(By.id("invitations"), title);
        browser.get("/inbox?unread=true");
        assertThat(browser.find(By.id("inbox-list")).getText()).doesNotContain(notice);

        // her e-mail preferences: what she must act on always comes at once; new matching calls in
        // a weekly digest
        browser.get("/inbox/preferences");
        assertThat(browser.find(By.id("kind-project-invitation")).getText())
                .contains("Toujours envoyé immédiatement");
        assertThat(browser.findAll(By.cssSelector("#kind-project-invitation input"))).isEmpty();
        click(browser, browser.find(By.id("choice-call-matched-weekly")));
        click(browser, browser.find(By.cssSelector("#preferences-form button[type=submit]")));
        browser.waitFor(d -> !d.findElements(By.id("preferences-saved")).isEmpty());
        assertThat(browser.find(By.id("choice-call-matched-weekly")).isSelected()).isTrue();
        browser.get("/inbox/preferences");
        assertThat(browser.find(By.id("choice-call-matched-weekly")).isSelected())
                .as("stored")
                .isTrue();
        browser.assertAccessible("/inbox/preferences").screenshots("member-preferences");
        click(browser, browser.find(By.id("choice-call-matched-immediately")));
        click(browser, browser.find(By.cssSelector("#preferences-form button[type=submit]")));
        browser.waitFor(d -> !d.findElements(By.id("preferences-saved")).isEmpty());
        browser.get("/home");
        browser.waitForText(By.id("invitations"), title);

        // she accepts from her home page (htmx)
        WebElement invitation =
                browser.findAll(By.cssSelector("#invitations li")).stream()
                        .filter(li -> li.getText().contains(title))
                        .findFirst()
                        .orElseThrow();
        click(browser, invitation.findElement(By.cssSelector("button.btn-primary")));
        browser.waitForText(By.id("invitations"), "votre organisation rejoint le projet " + title);

        // Brabant proposes the agreement, now that Atlas is a partner
        api(
                "PUT",
                "/api/projects/" + project + "/agreement",
                bruno,
                """
                {"currency":"EUR","coordinator":"%s","settlementRule":"Coûts partagés au prorata des apports",
                 "contributions":[{"memberId":"%s","money":"6000.00","inKind":"Capteurs optiques","inKindValue":"4500.50"},
                                  {"memberId":"%s","money":"12000.00","inKind":"Moulin pilote","inKindValue":"8000.00"}],
                 "tasks":[{"title":"Module de tri optique","responsible":"%s"},{"title":"Pilote au moulin","responsible":"%s"}]}\
                """
                        .formatted(BRABANT, BRABANT, ATLAS, BRABANT, ATLAS),
                200);

        browser.get("/projects");
        browser.waitForText(By.id("main"), title);
        browser.assertAccessible("/projects");
        browser.get("/projects/" + project);
        browser.waitForText(By.id("agreement"), "attend la signature de votre organisation");
        assertThat(browser.find(By.id("agreement")).getText())
                .contains("4\u202f500,50", "12\u202f000,00", "Brabant Photonics");
        browser.assertAccessible("/projects/{id}");

        click(browser, browser.find(By.cssSelector("#agreement a.btn-primary")));
        browser.waitFor(ExpectedConditions.urlContains("/projects/" + project + "/sign"));
        assertThat(browser.find(By.id("main")).getText())
                .contains("Ce que signer veut dire", "La signature est définitive");
        browser.assertAccessible("/projects/{id}/sign");
        click(browser, browser.find(By.cssSelector("main form button[type=submit]")));
        browser.waitFor(ExpectedConditions.urlToBe(platform.console() + "projects/" + project));
        browser.waitForText(By.id("notice"), "a signé la version 1");
        String signatures = browser.find(By.id("signatures")).getText();
        assertThat(signatures).contains("Atlas Agritech").contains("Signé le");
        browser.assertAccessible("/projects/{id} signed").screenshots("member-project");

        // a stale profile edit: the profile changes through the API while her form is open
        browser.get("/organisation/edit");
        browser.assertAccessible("/organisation/edit");
        String typed =
                "Irrigation de précision et tri optique (saisi dans le navigateur " + stamp + ")";
        WebElement description = browser.find(By.id("description"));
        description.clear();
        description.sendKeys(typed);
        String amina = token("amina");
        changeProfileDescription(amina, "Changé par l'API pendant l'édition " + stamp);
        click(browser, browser.find(By.cssSelector("main form button[type=submit]")));
        browser.waitForText(By.id("form-problem"), "Quelqu'un a modifié le profil");
        assertThat(browser.find(By.id("description")).getAttribute("value")).isEqualTo(typed);
        assertThat(browser.find(By.id("current")).getText())
                .contains("Changé par l'API pendant l'édition " + stamp);
        browser.assertAccessible("/organisation/edit (stale)")
                .screenshots("member-organisation-edit");
        click(browser, browser.find(By.cssSelector("main form button[type=submit]")));
        browser.waitFor(ExpectedConditions.urlToBe(platform.console() + "organisation"));
        browser.waitForText(By.id("main"), "Le profil de votre organisation est enregistré.");
        assertThat(browser.find(By.id("main")).getText()).contains(typed);
        browser.assertAccessible("/organisation");

        // the directory, filtered in the URL
        browser.get("/directory?q=photonics");
        browser.waitForText(By.id("main"), "Brabant Photonics");
        browser.assertAccessible("/directory").screenshots("member-directory");
        click(browser, browser.find(By.partialLinkText("Brabant Photonics")));
        browser.waitFor(ExpectedConditions.urlContains("/directory/" + BRABANT));
        browser.assertAccessible("/directory/{id}");

        // a funding call: pushed by the EU portal's feed, found, watched; its deadline shows on her
        // home
        String reference = "MEMBER-JOURNEY-" + stamp;
        String deadline =
                Instant.now().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        api(
                "POST",
                "/api/feeds/eu-ft-portal/calls",
                feedToken(),
                """
                [{"reference":"%s","title":"Irrigation et tri intelligent %s","programme":"FEDER Sud 2021-2027",
                  "kind":"GRANT","description":"Projets d'irrigation de précision et de tri optique",
                  "keywords":["irrigation","olive oil"],"deadlines":["%s"],"eligibleCountries":["MA","TN"],
                  "budget":{"amount":"1500000.00","currency":"EUR"},"url":"https://www.example.org/aap/%s"}]\
                """
                        .formatted(reference, stamp, deadline, stamp),
                202);
        // the feed sends it again a week later and with a bigger budget: the call's page lists that
        // change
        String moved = Instant.parse(deadline).plus(7, ChronoUnit.DAYS).toString();
        api(
                "POST",
                "/api/feeds/eu-ft-portal/calls",
                feedToken(),
                """
                [{"reference":"%s","title":"Irrigation et tri intelligent %s","programme":"FEDER Sud 2021-2027",
                  "kind":"GRANT","description":"Projets d'irrigation de précision et de tri optique",
                  "keywords":["irrigation","olive oil"],"deadlines":["%s"],"eligibleCountries":["MA","TN"],
                  "budget":{"amount":"1750000.00","currency":"EUR"},"url":"https://www.example.org/aap/%s"}]\
                """
                        .formatted(reference, stamp, moved, stamp),
                202);
        browser.get("/calls?q=" + stamp);
        for (int i = 0;
                i < 20
                        && browser.findAll(
                                        By.partialLinkText(
                                                "Irrigation et tri intelligent " + stamp))
                                .isEmpty();
                i++) {
            Thread.sleep(500);
            browser.get("/calls?q=" + stamp);
        }
        browser.assertAccessible("/calls");
        click(browser, browser.find(By.partialLinkText("Irrigation et tri intelligent " + stamp)));
        browser.waitForText(By.id("main"), "Dates limites");
        browser.waitForText(By.id("call-changes"), "Date limite déplacée");
        assertThat(browser.find(By.id("call-changes")).getText())
                .contains("1\u202f500\u202f000,00", "1\u202f750\u202f000,00", "→");
        click(
                browser,
                browser.find(By.xpath("//main//button[normalize-space()='Suivre cet appel']")));
        browser.waitForText(By.id("main"), "Votre organisation suit cet appel");
        browser.assertAccessible("/calls/{id}").screenshots("member-call");

        browser.get("/invoices");
        browser.waitForText(By.tagName("h1"), "Mes cotisations");
        browser.assertAccessible("/invoices").screenshots("member-invoices");

        // her home on a 360 px phone: nothing overflows sideways; the watched call's deadline is
        // there
        browser.width(360);
        browser.get("/home");
        browser.waitForText(By.id("deadlines"), "Irrigation et tri intelligent " + stamp);
        assertNoHorizontalOverflow(browser, "/home");
        browser.get("/projects/" + project);
        assertNoHorizontalOverflow(browser, "/projects/{id}");
        browser.get("/organisation/edit");
        assertNoHorizontalOverflow(browser, "/organisation/edit");
        browser.width(1280);
    }

    /**
     * Clicks like a person would, scrolled into view; when the headless window's edge still hides
     * it (Chromium reports the click as intercepted), the element's own click() does what the click
     * would.
     */
    private static void click(ConsoleBrowser browser, WebElement element) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        try {
            element.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException hidden) {
            js.executeScript("arguments[0].click()", element);
        }
    }

    private static void assertNoHorizontalOverflow(ConsoleBrowser browser, String page) {
        long width =
                (Long)
                        ((JavascriptExecutor) browser.driver())
                                .executeScript("return document.documentElement.scrollWidth");
        assertThat(width).as("scroll width of " + page + " at 360 px").isLessThanOrEqualTo(360);
    }

    /**
     * Replaces the profile's description through the API, as another session would (GET, then PUT
     * If-Match).
     */
    private void changeProfileDescription(String token, String text) throws Exception {
        HttpResponse<String> read = send("GET", "/api/members/" + ATLAS, token, null, null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        Object profile =
                JsonPath.parse(read.body()).set("$.profile.description", text).read("$.profile");
        String body = JsonPath.parse(profile).jsonString();
        HttpResponse<String> written =
                send("PUT", "/api/members/" + ATLAS + "/profile", token, body, etag);
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
    }

    private String api(String method, String path, String token, String json, int expected)
            throws Exception {
        HttpResponse<String> response = send(method, path, token, json, null);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(expected);
        return response.body();
    }

    private HttpResponse<String> send(
            String method, String path, String token, String json, String ifMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(platform.gateway() + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept-Language", "fr");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(
                request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String token(String person) throws IOException, InterruptedException {
        return shell(platform.tokenCommand().formatted(person));
    }

    private String feedToken() throws IOException, InterruptedException {
        return shell(
                "ISSUER="
                        + platform.issuer()
                        + " '"
                        + platform.home().resolve("scripts/token.sh")
                        + "' --client feed-eu-portal feed-eu-portal-secret");
    }

    private static String shell(String command) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(List.of("sh", "-c", command)).redirectErrorStream(false).start();
        String out =
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(command + ": " + err).isZero();
        return out;
    }
}
