package coop.cluster.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every problem code of expenses, receipts and project budgets has a title and a detail in English
 * and French.
 */
class MoneyMessagesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "expense-self-approval",
                "expense-state",
                "expense-key-reused",
                "expense-project-required",
                "expense-project-not-allowed",
                "receipt-key-reused",
                "in-kind-giver",
                "project-budget-not-found",
                "contribution-partner-unknown",
                "contribution-currency",
                "contribution-key-reused"
            })
    void everyCodeHasBothMessagesInBothLanguages(String code) throws IOException {
        Properties english = load("/messages.properties");
        Properties french = load("/messages_fr.properties");
        for (String part : new String[] {".title", ".detail"}) {
            String key = "problem." + code + part;
            assertThat(english.getProperty(key)).as(key).isNotBlank();
            assertThat(french.getProperty(key))
                    .as(key)
                    .isNotBlank()
                    .isNotEqualTo(english.getProperty(key));
        }
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (var in =
                new InputStreamReader(
                        MoneyMessagesTest.class.getResourceAsStream(path),
                        StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
