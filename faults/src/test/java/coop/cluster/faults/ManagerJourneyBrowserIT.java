package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The manager's journey in a real browser on the whole platform: an organisation's application is
 * filed through the API (as {@code scripts/membership-demo.sh} does, by manon's token), manon signs
 * in (password and TOTP), opens the applications from her index, admits it on the confirmation
 * page, and finds it active in the members list. Then the other manager's pages (feeds, people,
 * clients, groups, projects) each pass axe-core. Screenshots: the index, the applications, the
 * members, the feeds and the people.
 */
@ExtendWith(LaunchedPlatform.class)
class ManagerJourneyBrowserIT {

    @Test
    void manonAdmitsAnApplicationAndFindsTheMemberActive() throws Exception {
        LaunchedPlatform.Running platform = LaunchedPlatform.platform();
        // manon signs in first: the issuer takes each staff TOTP step once and none older than the
        // last one used,
        // and ConsoleBrowser starts from the previous step, so the API token (token.sh, the current
        // step) comes after
        ConsoleBrowser browser = ConsoleBrowser.open();
        DelegateJourneyBrowserIT.signIn(browser, "manon");
        String suffix = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        String name = "Oasis Robotique " + suffix;
        HttpResponse<String> filed =
                DelegateJourneyBrowserIT.api(
                        platform,
                        "manon",
                        "POST",
                        "/api/members/applications",
                        """
                        {"legalName":"%s","registrationNumber":"TN-OASIS-%s","country":"TN",
                         "sectors":["28.99","62.01"],"organisationType":"SME","sizeBand":"SMALL",
                         "competences":["robotics","machine vision"],
                         "offeredResources":[{"type":"EQUIPMENT","description":"Robotic sorting line for olives"}],
                         "contacts":[{"name":"Yasmine Trabelsi","role":"CEO","email":"yasmine@oasis-robotique.example"}],
                         "description":"Vision-guided robots for the olive oil mills of Sfax"}\
                        """
                                .formatted(name, suffix));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(filed.body());
        assertThat(id.find()).isTrue();
        String memberId = id.group(1);

        browser.get("/manage");
        browser.waitForText(By.tagName("h1"), "Gestion du cluster");
        assertThat(browser.find(By.id("applications-count")).getText()).contains("attente");
        browser.assertAccessible("/manage").screenshots("manage");

        DelegateJourneyBrowserIT.click(browser, By.cssSelector("#applications-title a"));
        browser.waitForText(By.tagName("h1"), "Candidatures");
        browser.waitForText(By.tagName("main"), name);
        browser.assertAccessible("/manage/applications").screenshots("applications");

        DelegateJourneyBrowserIT.click(
                browser, By.cssSelector("a[href='/manage/members/" + memberId + "/admit']"));
        browser.waitForText(By.tagName("h1"), "Admettre " + name);
        assertThat(browser.find(By.tagName("main")).getText())
                .contains("devient membre actif", "TN-OASIS-" + suffix);
        browser.assertAccessible("admit confirmation");
        browser.find(By.id("reason")).sendKeys("Dossier complet, parrainé par Atlas Agritech");
        DelegateJourneyBrowserIT.click(browser, By.id("confirm"));
        browser.waitFor(ExpectedConditions.urlToBe(platform.console() + "manage/applications"));
        browser.waitForText(By.id("done"), name + " est admis");
        assertThat(
                        browser.findAll(
                                By.cssSelector("a[href='/manage/members/" + memberId + "/admit']")))
                .isEmpty();

        // the members list, filtered on active members: the new member is there (following the
        // pages)
        browser.get("/manage/members?status=ACTIVE");
        WebElement row = null;
        for (int page = 0; page < 20 && row == null; page++) {
            List<WebElement> links =
                    browser.findAll(By.cssSelector("a[href='/manage/members/" + memberId + "']"));
            if (!links.isEmpty()) {
                row = links.getFirst().findElement(By.xpath("ancestor::tr"));
            } else {
                DelegateJourneyBrowserIT.click(browser, By.cssSelector("a[rel=next]"));
                browser.waitFor(ExpectedConditions.urlContains("page="));
            }
        }
        assertThat(row).as("the new member in the list of active members").isNotNull();
        assertThat(row.getText()).contains(name, "Membre actif");
        browser.assertAccessible("/manage/members?status=ACTIVE").screenshots("members");

        browser.get("/manage/members/" + memberId);
        browser.waitForText(By.tagName("h1"), name);
        assertThat(browser.find(By.tagName("main")).getText())
                .contains("Membre actif", "Suspendre", "Exclure");
        browser.assertAccessible("/manage/members/{id}");

        browser.get("/manage/feeds");
        browser.waitForText(By.tagName("h1"), "Flux");
        browser.assertAccessible("/manage/feeds").screenshots("feeds");
        browser.get("/manage/people");
        browser.waitForText(By.tagName("main"), "manon@demo.cluster.coop");
        browser.assertAccessible("/manage/people").screenshots("people");
        browser.get("/manage/clients");
        browser.waitForText(By.tagName("h1"), "Clients");
        browser.assertAccessible("/manage/clients");
        browser.get("/manage/groups");
        browser.assertAccessible("/manage/groups");
        browser.get("/manage/projects");
        browser.assertAccessible("/manage/projects");
    }
}
