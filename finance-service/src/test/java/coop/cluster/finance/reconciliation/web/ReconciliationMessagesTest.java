package coop.cluster.finance.reconciliation.web;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.reconciliation.domain.StatementProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;

/**
 * Every problem the reconciliation answers has an English and a French title and detail, and places
 * read well.
 */
class ReconciliationMessagesTest {

    private static final List<String> WEB_CODES =
            List.of(
                    "statement-too-large",
                    "statement-empty",
                    "statement-format-unsupported",
                    "statement-conflict",
                    "statement-not-found",
                    "reconciliation-busy");

    @Test
    void everyCodeHasBothLanguages() throws Exception {
        Properties english = load("/messages.properties");
        Properties french = load("/messages_fr.properties");
        List<String> codes = new ArrayList<>(WEB_CODES);
        for (Field field : StatementProblem.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class
                    && Modifier.isPublic(field.getModifiers())) {
                codes.add((String) field.get(null));
            }
        }
        assertThat(codes).hasSizeGreaterThan(15);
        for (String code : codes) {
            for (String part : new String[] {".title", ".detail"}) {
                String key = "problem." + code + part;
                assertThat(english.getProperty(key)).as(key).isNotBlank();
                assertThat(french.getProperty(key))
                        .as(key + " (fr)")
                        .isNotBlank()
                        .isNotEqualTo(english.getProperty(key));
            }
        }
    }

    @Test
    void placesAreNamedInTheCallersLanguage() {
        ReloadableResourceBundleMessageSource messages =
                new ReloadableResourceBundleMessageSource();
        messages.setBasenames("classpath:messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        ReconciliationProblemAdvice advice = new ReconciliationProblemAdvice(null, messages);

        assertThat(advice.where(StatementProblem.Where.cell(1234, "amount"), Locale.ENGLISH))
                .isEqualTo("line 1234, column amount");
        assertThat(advice.where(StatementProblem.Where.cell(4, "amount"), Locale.FRENCH))
                .isEqualTo("ligne 4, colonne amount");
        assertThat(advice.where(StatementProblem.Where.element("Stmt/Ntry[2]/Amt"), Locale.FRENCH))
                .isEqualTo("élément Stmt/Ntry[2]/Amt");
        assertThat(advice.where(new StatementProblem.Where(7, null, "XML"), Locale.ENGLISH))
                .isEqualTo("element XML, line 7");
        assertThat(advice.where(StatementProblem.Where.parameter("closingBalance"), Locale.ENGLISH))
                .isEqualTo("parameter closingBalance");
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ReconciliationMessagesTest.class.getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
