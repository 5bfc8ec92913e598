package coop.cluster.web.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import coop.cluster.web.StubApi;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The finance staff's pages against a stub API: each in French and English with data, each panel
 * alone when the API is down (503: the page still renders), forms refused with the API's field
 * errors next to the fields and what was typed kept, successful posts sending the right JSON to the
 * right path, the four-eyes refusal next to the approval's button.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FinancePagesTest {

    static final StubApi API = new StubApi();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String EXPENSE_ID = "0f8e4a52-8b1c-4d1e-9a55-3c1d2e4f5a6b";

    static final String EXPENSE =
            """
            {"id":"%s","version":1,"state":"SUBMITTED","category":"LEGAL","amount":"1250.50","currency":"EUR",
             "receiptReference":"FAC-2026-118","payeeName":"Cabinet Lemaire","description":"Statuts révisés",
             "submittedBy":"farid","submittedAt":"2026-12-01T09:00:00Z"}\
            """
                    .formatted(EXPENSE_ID);
    static final String EXPENSES =
            """
            {"items":[%s,{"id":"e-2","version":2,"state":"SUBMITTED","category":"ADMINISTRATIVE","amount":"80.00",
              "currency":"EUR","receiptReference":"T-9","payeeName":"Imprimerie Dubois","description":"Papeterie",
              "submittedBy":"fatou","submittedAt":"2026-12-02T09:00:00Z"}],"page":0,"size":20,"total":2}\
            """
                    .formatted(EXPENSE);
    static final String JOURNAL =
            """
            {"entries":[
              {"sequence":1,"date":"2026-11-03","description":"Don de la Fondation Verte","postings":[
                {"account":"1000","side":"DEBIT","amount":"5000.00","currency":"EUR"},
                {"account":"4100:S:fondation-verte","side":"CREDIT","amount":"5000.00","currency":"EUR"}]},
              {"sequence":2,"date":"2026-12-02","description":"Frais juridiques","postings":[
                {"account":"6200","side":"DEBIT","amount":"1250.50","currency":"EUR"},
                {"account":"2000","side":"CREDIT","amount":"1250.50","currency":"EUR"}]}],
             "from":1,"size":200,"next":null}\
            """;
    static final String BALANCES =
            """
            {"accounts":[
              {"code":"1000","name":"Bank","type":"ASSET","normalSide":"DEBIT","currency":"EUR","balance":"5000.00","total":"5000.00"},
              {"code":"2000","name":"Expenses payable","type":"LIABILITY","normalSide":"CREDIT","currency":"EUR","balance":"1250.50","total":"1250.50"},
              {"code":"4100","name":"Donations","type":"INCOME","normalSide":"CREDIT","currency":"EUR","balance":"0.00","total":"5000.00"},
              {"code":"4100:S:fondation-verte","name":"Donations, source fondation-verte","type":"INCOME","normalSide":"CREDIT","currency":"EUR","parent":"4100","balance":"5000.00","total":"5000.00"},
              {"code":"6200","name":"Legal expenses","type":"EXPENSE","normalSide":"DEBIT","currency":"EUR","balance":"1250.50","total":"1250.50"},
              {"code":"3000","name":"Net assets","type":"EQUITY","normalSide":"CREDIT","currency":"EUR","balance":"-10.00","total":"-10.00"},
              {"code":"1100","name":"Member receivables","type":"ASSET","normalSide":"DEBIT","currency":"EUR","balance":"10.00","total":"10.00"}],
             "trialBalance":{"EUR":"0.00"},"memoTrialBalance":{},"balanced":true}\
            """;
    static final String STATEMENTS =
            """
            {"items":[{"id":"a1b2c3","format":"camt053","statementId":"STMT-2026-11","account":"FR7630006000011234567890189",
              "currency":"EUR","from":"2026-11-01","to":"2026-11-30","closingBalance":"4875.20","importedAt":"2026-12-03T10:00:00Z",
              "lines":4,"matchedLines":3,"unmatchedEntries":1,"balanceAgrees":false}],"page":0,"size":20,"total":1}\
            """;
    static final String STATEMENT =
            """
            {"id":"a1b2c3","format":"camt053","statementId":"STMT-2026-11","account":"FR7630006000011234567890189",
             "currency":"EUR","openingBalance":"0.00","closingBalance":"4875.20","from":"2026-11-01","to":"2026-11-30",
             "summary":{"lines":2,"matchedLines":1,"unmatchedLines":1,"unmatchedEntries":1},
             "balanceCheck":{"asOf":"2026-11-30","ledgerBalance":"5000.00","statementBalance":"4875.20","difference":"-124.80",
               "agrees":false,"differences":[{"kind":"LINE_NOT_IN_LEDGER","amount":"-124.80","line":2,"bookingDate":"2026-11-20"}],
               "unexplained":"0.00"},
             "lines":[{"line":1,"bookingDate":"2026-11-03","amount":"5000.00","reference":"DON FV 2026","counterparty":"Fondation Verte",
                "status":"MATCHED","entrySequence":1,"matchedBy":"AMOUNT_AND_DATE","entries":[{"entrySequence":1,"entryDate":"2026-11-03","amount":"5000.00","matchedBy":"AMOUNT_AND_DATE"}]},
               {"line":2,"bookingDate":"2026-11-20","amount":"-124.80","reference":"FRAIS TENUE DE COMPTE","counterparty":"Banque",
                "status":"UNMATCHED","entries":[]}],
             "unmatchedEntries":[{"sequence":7,"date":"2026-11-28","amount":"-42.00","description":"Timbres"}]}\
            """;
    static final String PERIODS =
            """
            {"periods":[{"periodId":"2026-10","status":"CLOSED","from":"2026-01-01","to":"2026-10-31",
              "seal":{"hash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","previousHash":"0000000000000000000000000000000000000000000000000000000000000000",
                "entryCount":12,"firstSequence":1,"lastSequence":12},"sequence":13,"closedAt":"2026-11-02T08:00:00Z","closedBy":"fatou"}],
             "page":0,"size":20,"total":1,"closedThrough":"2026-10-31"}\
            """;

    @DynamicPropertySource
    static void api(DynamicPropertyRegistry registry) {
        registry.add("cluster.web.api-url", API::url);
        registry.add("cluster.web.api-timeout", () -> "2s");
    }

    @AfterAll
    static void stop() {
        API.close();
    }

    @Autowired MockMvc mvc;
    @Autowired ClientRegistrationRepository registrations;

    @BeforeEach
    void reset() {
        API.reset();
    }

    OidcLoginRequestPostProcessor staff(String who) {
        return oidcLogin()
                .clientRegistration(registrations.findByRegistrationId("cluster"))
                .idToken(
                        token ->
                                token.subject(who)
                                        .claim("name", who)
                                        .claim("roles", List.of("finance")));
    }

    OidcLoginRequestPostProcessor fatou() {
        return staff("fatou");
    }

    void everything() {
        API.answer("GET /api/finance/expenses", 200, EXPENSES)
                .answer("GET /api/finance/expenses/" + EXPENSE_ID, 200, EXPENSE)
                .answer("GET /api/finance/ledger/entries", 200, JOURNAL)
                .answer("GET /api/finance/ledger/balances", 200, BALANCES)
                .answer("GET /api/finance/reconciliation/statements", 200, STATEMENTS)
                .answer("GET /api/finance/reconciliation/statements/a1b2c3", 200, STATEMENT)
                .answer("GET /api/finance/periods", 200, PERIODS)
                .answer(
                        "GET /api/finance/periods/2026-11",
                        200,
                        "{\"periodId\":\"2026-11\",\"status\":\"OPEN\",\"from\":\"2026-11-01\",\"to\":\"2026-11-30\"}")
                .answer(
                        "GET /api/finance/donations",
                        200,
                        """
                        {"items":[{"kind":"donation","amount":"5000.00","currency":"EUR","date":"2026-11-03",
                          "sourceName":"Fondation Verte","reference":"DON FV 2026","sequence":1}],"page":0,"size":20,"total":1}\
                        """)
                .answer(
                        "GET /api/finance/projects/budgets",
                        200,
                        """
                        {"items":[{"projectId":"p-1","title":"Irrigation solaire","currency":"EUR","agreementVersion":2,
                          "pledged":"30000.00","received":"12000.00","outstanding":"18000.00","spent":"14500.00",
                          "released":"12000.00","unfunded":"2500.00","remaining":"0.00"}],"page":0,"size":20,"total":1}\
                        """);
    }

    @Test
    void theIndexListsWhatNeedsFatouFirstInFrenchAndEnglish() throws Exception {
        everything();
        mvc.perform(get("/finance").with(fatou()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("lang=\"fr\""),
                                                containsString("Dépenses à approuver"),
                                                // farid's expense awaits fatou; her own does not
                                                containsString("Cabinet Lemaire"),
                                                not(containsString("Imprimerie Dubois")),
                                                containsString("1\u202f250,50"),
                                                containsString("hx-trigger=\"every 15s\""),
                                                containsString("aria-live=\"polite\""),
                                                containsString(
                                                        "1 ligne sans écriture, 1 écriture sans"
                                                                + " ligne"),
                                                // closed through October: November is the month to
                                                // close
                                                containsString("Le mois 2026-11"),
                                                containsString(
                                                        "/finance/periods/closing?period=2026-11"),
                                                not(containsString("style=")))));
        assertThat(API.query("GET /api/finance/expenses")).contains("state=SUBMITTED");
        mvc.perform(get("/finance").param("lang", "en").with(fatou()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("lang=\"en\""),
                                                containsString("Expenses to approve"),
                                                containsString("€1,250.50"),
                                                containsString("The month 2026-11"))));
    }

    @Test
    void theAwaitingListIsAFragmentForHtmxPolling() throws Exception {
        everything();
        mvc.perform(
                        get("/finance/expenses/awaiting")
                                .header("HX-Request", "true")
                                .with(staff("farid")))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("id=\"awaiting\""),
                                                containsString("Imprimerie Dubois"),
                                                not(containsString("Cabinet Lemaire")),
                                                not(containsString("<html")))));
    }

    @Test
    void everyPageRendersItsPanelsUnavailableWhenTheApiIsDown() throws Exception {
        for (String path :
                List.of(
                        "GET /api/finance/expenses",
                        "GET /api/finance/ledger/entries",
                        "GET /api/finance/ledger/balances",
                        "GET /api/finance/reconciliation/statements",
                        "GET /api/finance/periods",
                        "GET /api/finance/donations",
                        "GET /api/finance/projects/budgets",
                        "GET /api/finance/expenses/" + EXPENSE_ID,
                        "GET /api/finance/reconciliation/statements/a1b2c3",
                        "GET /api/finance/periods/verify")) {
            API.answer(path, 503, "{\"status\":503}");
        }
        for (String page :
                List.of(
                        "/finance",
                        "/finance/ledger",
                        "/finance/receipts",
                        "/finance/expenses",
                        "/finance/budgets",
                        "/finance/reconciliation",
                        "/finance/periods",
                        "/finance/periods/verification",
                        "/finance/expenses/" + EXPENSE_ID,
                        "/finance/expenses/" + EXPENSE_ID + "/approval",
                        "/finance/reconciliation/a1b2c3")) {
            try {
                mvc.perform(get(page).with(fatou()))
                        .andExpect(status().isOk())
                        .andExpect(
                                content()
                                        .string(
                                                containsString(
                                                        "Cette information est indisponible")));
            } catch (Exception | AssertionError e) {
                throw new AssertionError(page + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void theLedgerShowsDebitsAndCreditsInTheirColumnsWithFiltersInTheUrl() throws Exception {
        everything();
        String page =
                mvc.perform(get("/finance/ledger").with(fatou()))
                        .andExpect(status().isOk())
                        .andExpect(
                                content()
                                        .string(
                                                allOf(
                                                        containsString("Débit"),
                                                        containsString("Crédit"),
                                                        containsString("Don de la Fondation Verte"),
                                                        containsString("Frais juridiques"),
                                                        containsString("Balance de vérification"),
                                                        containsString("La balance est équilibrée"),
                                                        containsString("4100:S:fondation-verte"),
                                                        not(containsString("-10,00")),
                                                        not(containsString("-1 250")))))
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
        // net assets at -10.00 on a credit account: a debit balance of 10.00, never a minus sign
        assertThat(page)
                .containsPattern(
                        "3000</th>\\s*<td[^>]*>Net assets</td>\\s*<td class=\"text-end"
                                + " text-nowrap\">10,00\\h€</td>");
        // trial balance: debits 5000 + 1250.50 + 10 + 10 = 6270.50 = credits 1250.50 + 5000 + ...
        // (the stub's figures)
        assertThat(page).contains("6\u202f270,50");
        assertThat(API.query("GET /api/finance/ledger/entries")).isEqualTo("from=1&size=200");

        mvc.perform(
                        get("/finance/ledger")
                                .param("from", "2026-12-01")
                                .param("account", "6200")
                                .param("lang", "en")
                                .with(fatou()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("lang=\"en\""),
                                                containsString("Frais juridiques"),
                                                not(containsString("Don de la Fondation Verte")),
                                                containsString("value=\"2026-12-01\""),
                                                containsString("value=\"6200\""),
                                                containsString("Trial balance"))));
    }

    @Test
    void submittingAnExpenseSendsItsJsonWithAnIdempotencyKeyThenShowsIt() throws Exception {
        everything();
        API.answer("POST /api/finance/expenses", 201, EXPENSE);
        mvc.perform(get("/finance/expenses/new").with(staff("farid")))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("name=\"key\""),
                                                containsString("Pièce justificative"))));
        mvc.perform(
                        post("/finance/expenses")
                                .with(staff("farid"))
                                .with(csrf())
                                .param("category", "LEGAL")
                                .param("amount", "1250.50")
                                .param("currency", "EUR")
                                .param("receiptReference", "FAC-2026-118")
                                .param("payeeName", "Cabinet Lemaire")
                                .param("description", "Statuts révisés")
                                .param("projectId", "")
                                .param("key", "k-123"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/finance/expenses/" + EXPENSE_ID))
                .andExpect(flash().attribute("confirmation", "finance.expenses.submitted"));
        JsonNode body = JSON.readTree(API.body("POST /api/finance/expenses"));
        assertThat(body.get("category").asString()).isEqualTo("LEGAL");
        assertThat(body.get("amount").asString()).isEqualTo("1250.50");
        assertThat(body.get("payee").get("name").asString()).isEqualTo("Cabinet Lemaire");
        assertThat(body.has("projectId")).isFalse();
        assertThat(API.header("POST /api/finance/expenses", "Idempotency-Key")).isEqualTo("k-123");
    }

    @Test
    void aRefusedExpenseKeepsWhatWasTypedWithEachErrorNextToItsField() throws Exception {
        API.answer(
                "POST /api/finance/expenses",
                400,
                """
                {"type":"https://cluster.coop/problems/validation","status":400,"detail":"Invalid request",
                 "errors":[{"field":"amount","message":"must be a positive plain decimal such as 12.50"},
                           {"field":"payee.name","message":"must not be blank"}]}\
                """);
        mvc.perform(
                        post("/finance/expenses")
                                .with(staff("farid"))
                                .with(csrf())
                                .param("category", "LEGAL")
                                .param("amount", "12,5x")
                                .param("currency", "EUR")
                                .param("receiptReference", "FAC-1")
                                .param("payeeName", "")
                                .param("description", "Statuts")
                                .param("key", "k-1"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("role=\"alert\""),
                                                containsString("id=\"amount-error\""),
                                                containsString("id=\"payee.name-error\""),
                                                containsString("Ce champ est obligatoire."),
                                                containsString("value=\"12,5x\""),
                                                containsString("value=\"FAC-1\""),
                                                containsString("is-invalid"),
                                                containsString(
                                                        "aria-describedby=\"amount-hint"
                                                                + " amount-error\""))));
    }

    @Test
    void approvingHasItsOwnPageAndTheSelfApprovalRefusalIsShownNextToTheButton() throws Exception {
        everything();
        mvc.perform(get("/finance/expenses/" + EXPENSE_ID + "/approval").with(staff("farid")))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Approuver la dépense"),
                                                containsString("Cabinet Lemaire"),
                                                containsString("1\u202f250,50"),
                                                containsString("Vous avez soumis cette dépense"))));
        API.answer(
                "POST /api/finance/expenses/" + EXPENSE_ID + "/approval",
                403,
                """
                {"type":"https://cluster.coop/problems/expense-self-approval","status":403,
                 "detail":"Vous avez soumis la dépense %s ; un autre membre de l'équipe financière doit l'approuver. Rien n'a été passé."}\
                """
                        .formatted(EXPENSE_ID));
        mvc.perform(
                        post("/finance/expenses/" + EXPENSE_ID + "/approval")
                                .with(staff("farid"))
                                .with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("id=\"act-problem\""),
                                                containsString("aria-describedby=\"act-problem\""),
                                                containsString(
                                                        "un autre membre de l&#39;équipe financière"
                                                                + " doit l&#39;approuver"))));

        API.answer(
                "POST /api/finance/expenses/" + EXPENSE_ID + "/approval",
                200,
                EXPENSE.replace("SUBMITTED", "APPROVED"));
        mvc.perform(
                        post("/finance/expenses/" + EXPENSE_ID + "/approval")
                                .with(fatou())
                                .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/finance/expenses/" + EXPENSE_ID))
                .andExpect(flash().attribute("confirmation", "finance.expenses.approved"));
        assertThat(API.body("POST /api/finance/expenses/" + EXPENSE_ID + "/approval"))
                .isEqualTo("{}");
    }

    @Test
    void payingSendsTheDateAndReferenceTyped() throws Exception {
        everything();
        API.answer(
                "GET /api/finance/expenses/" + EXPENSE_ID,
                200,
                EXPENSE.replace("SUBMITTED", "APPROVED"));
        mvc.perform(
                        get("/finance/expenses/" + EXPENSE_ID + "/payment")
                                .param("lang", "en")
                                .with(fatou()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Pay the expense"),
                                                containsString("Transfer reference"))));
        API.answer(
                "POST /api/finance/expenses/" + EXPENSE_ID + "/payment",
                422,
                """
                {"type":"https://cluster.coop/problems/account-would-go-negative","status":422,
                 "detail":"Le compte 1000 deviendrait négatif."}\
                """);
        mvc.perform(
                        post("/finance/expenses/" + EXPENSE_ID + "/payment")
                                .with(fatou())
                                .with(csrf())
                                .param("date", "2026-12-04")
                                .param("reference", "VIR-77"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "Le compte 1000 deviendrait négatif."),
                                                containsString("value=\"VIR-77\""))));
        JsonNode body =
                JSON.readTree(API.body("POST /api/finance/expenses/" + EXPENSE_ID + "/payment"));
        assertThat(body.get("date").asString()).isEqualTo("2026-12-04");
        assertThat(body.get("reference").asString()).isEqualTo("VIR-77");
    }

    @Test
    void receiptsListByKindAndRecordADonation() throws Exception {
        everything();
        mvc.perform(get("/finance/receipts").with(fatou()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Fondation Verte"),
                                                containsString("5\u202f000,00"),
                                                containsString("aria-current=\"page\""))));
        mvc.perform(get("/finance/receipts").param("lang", "en").with(fatou()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Donations"),
                                                containsString("€5,000.00"))));
        API.answer(
                "POST /api/finance/donations",
                201,
                """
                {"kind":"donation","amount":"300.00","currency":"EUR","date":"2026-11-15","sourceName":"Amis du cluster","sequence":9}\
                """);
        mvc.perform(
                        post("/finance/receipts")
                                .with(fatou())
                                .with(csrf())
                                .param("kind", "donations")
                                .param("amount", "300.00")
                                .param("currency", "EUR")
                                .param("date", "2026-11-15")
                                .param("sourceName", "Amis du cluster")
                                .param("sourceId", "")
                                .param("programme", "ignored")
                                .param("key", "r-1"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/finance/receipts?kind=donations"))
                .andExpect(flash().attribute("recordedSequence", 9L));
        JsonNode body = JSON.readTree(API.body("POST /api/finance/donations"));
        assertThat(body.get("source").get("id").asString()).isEqualTo("Amis du cluster");
        assertThat(body.get("date").asString()).isEqualTo("2026-11-15");
        assertThat(body.has("programme")).isFalse();
        assertThat(API.header("POST /api/finance/donations", "Idempotency-Key")).isEqualTo("r-1");
    }

    @Test
    void aRefusedReceiptShowsTheFieldErrorAndKeepsTheForm() throws Exception {
        API.answer(
                "POST /api/finance/grants",
                400,
                """
                {"type":"https://cluster.coop/problems/validation","status":400,
                 "errors":[{"field":"programme","message":"must not be blank"}]}\
                """);
        mvc.perform(
                        post("/finance/receipts")
                                .with(fatou())
                                .with(csrf())
                                .param("kind", "grants")
                                .param("amount", "10000.00")
                                .param("currency", "EUR")
                                .param("date", "2026-11-20")
                                .param("sourceName", "Région Sud")
                                .param("programme", "")
                                .param("key", "r-2")
                                .param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("id=\"programme-error\""),
                                                containsString("This field is required."),
                                                containsString("value=\"R&eacute;gion Sud\""),
                                                containsString("value=\"10000.00\""))));
    }

    @Test
    void budgetsShowActualsAgainstBudget() throws Exception {
        everything();
        mvc.perform(get("/finance/budgets").with(fatou()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Irrigation solaire"),
                                                containsString("30\u202f000,00"),
                                                containsString("Non financé"),
                                                containsString("2\u202f500,00"))));
        mvc.perform(get("/finance/budgets").param("lang", "en").with(fatou()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Unfunded"),
                                                containsString("€30,000.00"))));
    }

    @Test
    void aStatementIsUploadedAsMultipartAndItsGapsShown() throws Exception {
        everything();
        API.answer("POST /api/finance/reconciliation/statements", 201, STATEMENT);
        MockMultipartFile file =
                new MockMultipartFile(
                        "file",
                        "releve-novembre.xml",
                        "application/xml",
                        "<Document>camt</Document>".getBytes());
        mvc.perform(
                        multipart("/finance/reconciliation")
                                .file(file)
                                .param("closingBalance", "")
                                .with(fatou())
                                .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/finance/reconciliation/a1b2c3"));
        String sent = API.body("POST /api/finance/reconciliation/statements");
        assertThat(API.header("POST /api/finance/reconciliation/statements", "Content-Type"))
                .startsWith("multipart/form-data");
        assertThat(sent)
                .contains(
                        "name=\"file\"; filename=\"releve-novembre.xml\"",
                        "<Document>camt</Document>")
                .doesNotContain("name=\"closingBalance\"");

        mvc.perform(get("/finance/reconciliation/a1b2c3").with(fatou()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Ligne du relevé sans écriture"),
                                                containsString("FRAIS TENUE DE COMPTE"),
                                                containsString("Sans écriture"),
                                                containsString("Timbres"),
                                                containsString(
                                                        "Le grand livre dépasse le relevé de"),
                                                containsString("124,80"),
                                                not(containsString("-124")))));
        mvc.perform(get("/finance/reconciliation").with(fatou()))
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("3 sur 4"),
                                                containsString("Écart de solde"))));
    }

    @Test
    void aRefusedStatementShowsTheApisProblem() throws Exception {
        everything();
        API.answer(
                "POST /api/finance/reconciliation/statements",
                422,
                """
                {"type":"https://cluster.coop/problems/statement-currency-unsupported","status":422,
                 "detail":"Le relevé est en USD ; le grand livre tient la banque en EUR."}\
                """);
        MockMultipartFile file =
                new MockMultipartFile(
                        "file", "usd.csv", "text/csv", "date,amount,currency".getBytes());
        mvc.perform(
                        multipart("/finance/reconciliation")
                                .file(file)
                                .param("closingBalance", "12.00")
                                .with(fatou())
                                .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Le relevé est en USD"),
                                                containsString("value=\"12.00\""))));
        assertThat(API.body("POST /api/finance/reconciliation/statements"))
                .contains("name=\"closingBalance\"", "12.00");
        mvc.perform(multipart("/finance/reconciliation").with(fatou()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"file-error\"")));
    }

    @Test
    void closingAPeriodHasItsConfirmationPageThenShowsTheSeal() throws Exception {
        everything();
        mvc.perform(get("/finance/periods").with(fatou()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("2026-10"),
                                                containsString(
                                                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                                                containsString("value=\"2026-11\""))));
        mvc.perform(get("/finance/periods/closing").param("period", "2026-11").with(fatou()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("Clôturer et sceller 2026-11"),
                                                containsString("Le sceau est définitif"),
                                                containsString("30 novembre 2026"))));
        mvc.perform(get("/finance/periods/closing").param("period", "novembre").with(fatou()))
                .andExpect(status().isBadRequest())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("id=\"period-error\""),
                                                containsString("value=\"novembre\""))));

        API.answer(
                "POST /api/finance/periods/2026-11/close",
                422,
                """
                {"type":"https://cluster.coop/problems/period-not-ended","status":422,"detail":"La période 2026-11 n'est pas terminée."}\
                """);
        mvc.perform(post("/finance/periods/2026-11/close").with(fatou()).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        content()
                                .string(
                                        containsString(
                                                "La période 2026-11 n&#39;est pas terminée.")));
        API.answer(
                "POST /api/finance/periods/2026-11/close",
                201,
                """
                {"periodId":"2026-11","status":"CLOSED","from":"2026-11-01","to":"2026-11-30",
                 "seal":{"hash":"abc123","previousHash":"9f86","entryCount":3,"firstSequence":13,"lastSequence":16},
                 "closedAt":"2026-12-07T08:00:00Z","closedBy":"fatou"}\
                """);
        mvc.perform(post("/finance/periods/2026-11/close").with(fatou()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/finance/periods"))
                .andExpect(flash().attribute("confirmation", "finance.periods.closed"));
    }

    @Test
    void theVerificationShowsTheFirstBreak() throws Exception {
        everything();
        API.answer(
                "GET /api/finance/periods/verify",
                200,
                """
                {"valid":false,"periodsChecked":2,"firstBreak":{"periodId":"2026-10","expectedHash":"aaa111",
                 "storedHash":"bbb222","reason":"seal-mismatch","detail":"x"}}\
                """);
        mvc.perform(get("/finance/periods/verification").with(fatou()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString("rompue à la période 2026-10"),
                                                containsString("aaa111"),
                                                containsString("bbb222"))));
        API.answer(
                "GET /api/finance/periods/verify",
                200,
                "{\"valid\":true,\"periodsChecked\":2,\"firstBreak\":null}");
        mvc.perform(get("/finance/periods/verification").param("lang", "en").with(fatou()))
                .andExpect(
                        content()
                                .string(
                                        containsString(
                                                "The chain of seals holds: 2 periods checked")));
    }

    @Test
    void idsThatAreNotIdsAreNotFound() throws Exception {
        mvc.perform(get("/finance/expenses/x_y").with(fatou())).andExpect(status().isNotFound());
        mvc.perform(get("/finance/reconciliation/a b").with(fatou()))
                .andExpect(status().isNotFound());
    }

    @Test
    void theMonthToCloseIsTheOneAfterTheLastClosedDayOnceEnded() {
        assertThat(
                        FinanceIndexController.toClose(
                                        LocalDate.parse("2026-10-31"),
                                        LocalDate.parse("2026-12-07"))
                                .periodId())
                .isEqualTo("2026-11");
        assertThat(FinanceIndexController.toClose(null, LocalDate.parse("2026-12-07")).periodId())
                .isEqualTo("2026-11");
        assertThat(
                        FinanceIndexController.toClose(
                                LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-07")))
                .isNull();
        assertThat(FinanceFormats.debit(new java.math.BigDecimal("-10.00"), "CREDIT"))
                .isEqualByComparingTo("10.00");
        assertThat(FinanceFormats.credit(new java.math.BigDecimal("-10.00"), "CREDIT")).isNull();
    }
}
