package coop.cluster.finance.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.ledger.domain.LedgerViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A ledger refusal is told in the caller's language only. The ledger's own explanation ("1.001 EUR
 * has more than 2 decimals") is English and goes into the English detail; acceptance testing found
 * it inside French details ("... ; les montants ne sont jamais arrondis : 1.001 EUR has more than 2
 * decimals").
 */
class LedgerMessagesTest {

    private static final String EXPLANATION = "1.001 EUR has more than 2 decimals";

    @Test
    void everyLedgerRefusalIsToldInEnglishWithTheLedgersExplanationAndInFrenchWithoutIt()
            throws IOException {
        Properties english = load("/messages.properties");
        Properties french = load("/messages_fr.properties");
        for (LedgerViolation.Reason reason : LedgerViolation.Reason.values()) {
            String key = "problem." + reason.code() + ".detail";
            assertThat(english.getProperty(key)).as(key + " (en)").isNotBlank();
            assertThat(french.getProperty(key)).as(key + " (fr)").isNotBlank();
            String inEnglish =
                    new MessageFormat(english.getProperty(key), Locale.ENGLISH)
                            .format(new Object[] {EXPLANATION});
            String inFrench =
                    new MessageFormat(french.getProperty(key), Locale.FRENCH)
                            .format(new Object[] {EXPLANATION});
            assertThat(inEnglish).as(key + " (en)").contains(EXPLANATION);
            assertThat(inFrench)
                    .as(key + " (fr)")
                    .doesNotContain(EXPLANATION)
                    .doesNotContain("{0}")
                    .doesNotEndWith(":")
                    .doesNotEndWith(": ");
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LedgerMessagesTest.class.getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
