package coop.cluster.finance.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.ledger.LedgerContentionException;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.plumbing.web.ProblemWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/** The ledger's refusals as problems, and their messages in English and French. */
class LedgerProblemAdviceTest {

    private final LedgerProblemAdvice advice =
            new LedgerProblemAdvice(new ProblemWriter(messages(), JsonMapper.builder().build()));
    private final MockHttpServletRequest request =
            new MockHttpServletRequest("POST", "/api/finance/ledger/entries");

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @ParameterizedTest
    @EnumSource(LedgerViolation.Reason.class)
    void everyViolationIsA422WithItsCodeExceptTheConflicts(LedgerViolation.Reason reason) {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        ResponseEntity<ProblemDetail> answer =
                advice.refused(new LedgerViolation(reason, "the ledger says no"), request);

        int expected =
                reason == LedgerViolation.Reason.IDEMPOTENCY_CONFLICT
                                || reason == LedgerViolation.Reason.PERIOD_ALREADY_CLOSED
                        ? 409
                        : 422;
        assertThat(answer.getStatusCode().value()).isEqualTo(expected);
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getType()).hasToString(ProblemWriter.TYPE_BASE + reason.code());
        assertThat(problem.getTitle()).isNotBlank().isNotEqualTo("Unprocessable Content");
        assertThat(problem.getDetail()).isNotBlank();
        assertThat(problem.getProperties()).containsEntry("code", reason.code());
        assertThat(problem.getInstance()).hasToString("/api/finance/ledger/entries");
    }

    @Test
    void theLedgersExplanationIsInTheEnglishDetailAndTheFrenchDetailIsAllFrench() {
        LedgerViolation violation =
                new LedgerViolation(
                        LedgerViolation.Reason.ACCOUNT_WOULD_GO_NEGATIVE,
                        "account 1000 would go to -0.01 EUR");
        LocaleContextHolder.setLocale(Locale.FRENCH);
        ProblemDetail french = advice.refused(violation, request).getBody();
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        ProblemDetail english = advice.refused(violation, request).getBody();

        assertThat(french.getTitle()).isEqualTo("Compte en négatif");
        // the ledger explains in English: that goes into the English detail only, never into a
        // French sentence
        assertThat(french.getDetail())
                .isEqualTo(
                        "L'écriture ferait passer sous zéro un compte qui ne le peut pas. "
                                + "Rien n'a été passé.");
        assertThat(english.getTitle()).isEqualTo("Account would go negative");
        assertThat(english.getDetail()).endsWith("account 1000 would go to -0.01 EUR");
    }

    @Test
    void contentionIsA503WithRetryAfter() throws ReflectiveOperationException {
        Constructor<LedgerContentionException> constructor =
                LedgerContentionException.class.getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        LocaleContextHolder.setLocale(Locale.ENGLISH);

        ResponseEntity<ProblemDetail> answer =
                advice.busy(constructor.newInstance("busy"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getBody().getType()).hasToString(ProblemWriter.TYPE_BASE + "ledger-busy");
        assertThat(answer.getBody().getDetail()).contains("1 second");
    }

    static Stream<String> codes() {
        return Stream.concat(
                Stream.of(LedgerViolation.Reason.values()).map(LedgerViolation.Reason::code),
                Stream.of(
                        "ledger-busy",
                        "idempotency-key-mismatch",
                        "idempotency-key-required",
                        "batch-idempotency-key-required",
                        "batch-idempotency-key-repeated",
                        "ledger-entry-not-found"));
    }

    @ParameterizedTest
    @MethodSource("codes")
    void everyCodeHasATitleAndADetailInEnglishAndFrench(String code) throws IOException {
        for (String bundle : new String[] {"/messages.properties", "/messages_fr.properties"}) {
            Properties messages = load(bundle);
            assertThat(messages.getProperty("problem." + code + ".title"))
                    .as(bundle + " " + code)
                    .isNotBlank();
            assertThat(messages.getProperty("problem." + code + ".detail"))
                    .as(bundle + " " + code)
                    .isNotBlank();
        }
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(load("/messages_fr.properties").keySet())
                .isEqualTo(load("/messages.properties").keySet());
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LedgerProblemAdviceTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** As the platform configures its message source. */
    private static ReloadableResourceBundleMessageSource messages() {
        ReloadableResourceBundleMessageSource messages =
                new ReloadableResourceBundleMessageSource();
        messages.setBasenames("classpath:messages", "classpath:problem-messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        return messages;
    }
}
