package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The finance staff's week in a real browser ({@link ConsoleBrowser}) on the whole platform ({@link
 * LaunchedPlatform}): Farid records a donation dated last month and submits an expense, and his own
 * approval is refused by the API (four eyes), its message next to the button; Fatou finds the
 * expense awaiting her on the finance index, approves it on its confirmation page and pays it; she
 * imports last month's bank statement (camt.053) and sees its match and its gap, closes and seals
 * last month (its own confirmation page), verifies the chain of seals, and publishes the month's
 * report, which Amina, a member, then finds among the published reports. axe-core runs on every
 * page; screenshots of the main pages go to docs/screenshots/console/.
 */
@ExtendWith(LaunchedPlatform.class)
class FinanceJourneyBrowserIT {

    private final YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
    private final String period = lastMonth.toString();

    @Test
    void faridAndFatouKeepTheBooksAndAminaReadsTheReport() throws IOException {
        ConsoleBrowser browser = ConsoleBrowser.open();

        // Farid: a donation dated last month (the bank has money), then an expense
        browser.signIn("farid");
        browser.get("/finance");
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("awaiting")));
        browser.assertAccessible("/finance (farid)");
        browser.get("/finance/receipts/new?kind=donations");
        browser.assertAccessible("/finance/receipts/new");
        type(browser, "amount", "5000.00");
        setDate(browser, "date", lastMonth.atDay(15));
        type(browser, "sourceName", "Fondation Verte");
        type(browser, "reference", "DON-FV-" + period);
        type(browser, "description", "Don annuel");
        submit(browser);
        browser.waitFor(ExpectedConditions.urlContains("/finance/receipts?kind=donations"));
        browser.waitForText(By.tagName("main"), "Recette enregistrée");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Fondation Verte");
        browser.assertAccessible("/finance/receipts");

        browser.get("/finance/expenses/new");
        browser.assertAccessible("/finance/expenses/new");
        new Select(browser.find(By.id("category"))).selectByValue("LEGAL");
        type(browser, "amount", "1250.50");
        type(browser, "payeeName", "Cabinet Lemaire");
        type(browser, "receiptReference", "FAC-" + period + "-118");
        type(browser, "description", "Révision des statuts");
        submit(browser);
        browser.waitForText(By.tagName("main"), "Dépense soumise");
        String expense = browser.driver().getCurrentUrl();
        assertThat(expense).matches(".*/finance/expenses/[0-9a-f-]{36}$");
        browser.assertAccessible("/finance/expenses/{id}");

        // four eyes: Farid's own approval is refused by the API, its message next to the button
        click(browser, By.linkText("Approuver…"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("confirm-act")));
        browser.assertAccessible("/finance/expenses/{id}/approval");
        click(browser, By.id("confirm-act"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("act-problem")));
        assertThat(browser.find(By.id("act-problem")).getText()).contains("un autre membre de l");
        assertThat(browser.find(By.id("confirm-act")).getAttribute("aria-describedby"))
                .isEqualTo("act-problem");
        browser.assertAccessible("/finance/expenses/{id}/approval (refused)");

        // Fatou: the expense awaits her first
        browser.signIn("fatou");
        browser.get("/finance");
        browser.waitForText(By.id("awaiting"), "Cabinet Lemaire");
        browser.assertAccessible("/finance").screenshots("finance-index");
        click(browser, By.cssSelector("#awaiting a.btn-primary"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("confirm-act")));
        assertThat(browser.find(By.tagName("main")).getText())
                .contains("1\u202f250,50", "Cabinet Lemaire");
        click(browser, By.id("confirm-act"));
        browser.waitForText(By.tagName("main"), "Dépense approuvée");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(expense);
        click(browser, By.linkText("Payer…"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("confirm-act")));
        browser.assertAccessible("/finance/expenses/{id}/payment");
        type(browser, "reference", "VIR-" + period + "-7");
        click(browser, By.id("confirm-act"));
        browser.waitForText(By.tagName("main"), "Dépense payée");
        browser.get("/finance/expenses");
        browser.waitForText(By.id("all-expenses"), "Payée");
        browser.assertAccessible("/finance/expenses").screenshots("finance-expenses");

        browser.get("/finance/ledger");
        browser.waitForText(By.id("trial-balance"), "La balance est équilibrée");
        assertThat(browser.find(By.id("journal")).getText())
                .contains("Fondation Verte", "5\u202f000,00");
        browser.assertAccessible("/finance/ledger").screenshots("finance-ledger");
        browser.get("/finance/ledger?account=1000");
        browser.waitForText(By.id("journal"), "1000");
        browser.assertAccessible("/finance/ledger?account=1000");

        browser.get("/finance/budgets");
        browser.assertAccessible("/finance/budgets");

        // last month's bank statement: the donation matches, the bank's fees are a gap
        Path statement = browser.platform().runDir().resolve("statement-" + period + ".xml");
        Files.writeString(statement, camt053(), StandardCharsets.UTF_8);
        browser.get("/finance/reconciliation");
        browser.assertAccessible("/finance/reconciliation");
        browser.find(By.id("file")).sendKeys(statement.toString());
        submit(browser);
        browser.waitForText(By.tagName("main"), "Relevé importé");
        String main = browser.find(By.tagName("main")).getText();
        assertThat(main)
                .contains(
                        "FRAIS TENUE DE COMPTE", "Sans écriture", "Ligne du relevé sans écriture");
        browser.assertAccessible("/finance/reconciliation/{id}");
        browser.get("/finance/reconciliation");
        browser.waitForText(By.tagName("main"), "1 sur 2");
        browser.screenshots("finance-reconciliation");

        // close and seal last month, then verify the chain
        browser.get("/finance/periods");
        browser.assertAccessible("/finance/periods");
        type(browser, "period", period);
        submit(browser);
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("confirm-act")));
        assertThat(browser.find(By.tagName("main")).getText()).contains("Le sceau est définitif");
        browser.assertAccessible("/finance/periods/closing");
        click(browser, By.id("confirm-act"));
        browser.waitForText(By.tagName("main"), "est clôturée et scellée");
        click(browser, By.cssSelector("#verification button"));
        browser.waitForText(By.id("verification"), "La chaîne des sceaux est intacte");
        assertThat(browser.find(By.tagName("main")).getText()).contains(period);
        browser.assertAccessible("/finance/periods/verification").screenshots("finance-periods");

        // publish the month's report on its confirmation page
        browser.get("/finance/reports");
        browser.assertAccessible("/finance/reports");
        type(browser, "period", period);
        submit(browser);
        browser.waitForText(By.tagName("h1"), "Rapport " + period);
        assertThat(browser.find(By.tagName("main")).getText())
                .contains("fondation verte", "5\u202f000,00");
        browser.assertAccessible("/finance/reports/{period}").screenshots("finance-reports");
        click(browser, By.linkText("Publier…"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("confirm-act")));
        assertThat(browser.find(By.tagName("main")).getText())
                .contains("cette publication est définitive");
        browser.assertAccessible("/finance/reports/{period}/publication");
        click(browser, By.id("confirm-act"));
        browser.waitForText(By.tagName("main"), "Rapport publié");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/reports/" + period);
        browser.get("/reports");
        browser.waitForText(By.id("published-reports"), "Rapport " + period);

        // Amina, a member, finds it among the published reports, with downloads through the console
        browser.signIn("amina");
        browser.get("/reports");
        browser.waitForText(By.id("published-reports"), "Rapport " + period);
        WebElement pdf =
                browser.find(By.cssSelector("a[href$='/reports/" + period + "/download/pdf']"));
        assertThat(pdf.getAttribute("href")).doesNotContain("/api/");
        browser.assertAccessible("/reports").screenshots("reports");
        click(browser, By.linkText("Rapport " + period));
        browser.waitForText(By.tagName("main"), "Recettes par origine");
        assertThat(browser.find(By.tagName("main")).getText())
                .contains("5\u202f000,00", "Scellée le");
        browser.assertAccessible("/reports/{period}").screenshots("report");
    }

    private static void type(ConsoleBrowser browser, String id, String text) {
        WebElement input = browser.find(By.id(id));
        input.clear();
        if (!text.isEmpty()) {
            input.sendKeys(text);
        }
    }

    /** A date input takes the date in the browser's locale order (French: day, month, year). */
    private static void setDate(ConsoleBrowser browser, String id, LocalDate day) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript(
                        "arguments[0].value = arguments[1];",
                        browser.find(By.id(id)),
                        day.toString());
    }

    private static void submit(ConsoleBrowser browser) {
        click(browser, By.cssSelector("main form button[type=submit]"));
    }

    /**
     * Scrolls the element to the middle of the window first (at 900 px high, a button may sit under
     * its edge).
     */
    private static void click(ConsoleBrowser browser, By by) {
        WebElement element = browser.find(by);
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        try {
            element.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
            // headless Chromium sometimes reports a control at the window's bottom edge as covered:
            // the keyboard
            // activates it as a keyboard-only user would
            element.sendKeys(org.openqa.selenium.Keys.ENTER);
        }
    }

    /**
     * Last month's statement of the demo bank account: the donation, then the bank's fees (not in
     * the ledger).
     */
    private String camt053() {
        LocalDate first = lastMonth.atDay(1);
        LocalDate last = lastMonth.atEndOfMonth();
        LocalDate donation = lastMonth.atDay(15);
        LocalDate fees = lastMonth.atDay(28);
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>JOURNEY-%1$s</MsgId><CreDtTm>%3$sT06:00:00+01:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>STMT-%1$s</Id>
              <CreDtTm>%3$sT06:00:00+01:00</CreDtTm>
              <Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id><Ccy>EUR</Ccy></Acct>
              <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%2$s</Dt></Dt></Bal>
              <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">4988.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>%3$s</Dt></Dt></Bal>
              <Ntry>
                <Amt Ccy="EUR">5000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>%4$s</Dt></BookgDt><ValDt><Dt>%4$s</Dt></ValDt>
                <AcctSvcrRef>BNK-%1$s-0001</AcctSvcrRef>
                <NtryDtls><TxDtls><Refs><EndToEndId>DON-FV-%1$s</EndToEndId></Refs>
                  <RltdPties><Dbtr><Nm>Fondation Verte</Nm></Dbtr></RltdPties>
                  <RmtInf><Ustrd>Don annuel DON-FV-%1$s</Ustrd></RmtInf></TxDtls></NtryDtls>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">12.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>%5$s</Dt></BookgDt><ValDt><Dt>%5$s</Dt></ValDt>
                <AcctSvcrRef>BNK-%1$s-0002</AcctSvcrRef>
                <NtryDtls><TxDtls><RltdPties><Cdtr><Nm>Banque</Nm></Cdtr></RltdPties>
                  <RmtInf><Ustrd>FRAIS TENUE DE COMPTE</Ustrd></RmtInf></TxDtls></NtryDtls>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """
                .formatted(period, first, last, donation, fees);
    }
}
