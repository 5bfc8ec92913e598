package coop.cluster.finance.fee;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every problem the fees answer has a title and a detail in English and in French. */
class FeeMessagesTest {

    static final List<String> CODES =
            List.of(
                    "fee-invoice-not-found",
                    "payment-key-required",
                    "payment-key-invalid",
                    "payment-key-conflict",
                    "payment-currency-mismatch",
                    "payment-amount-not-positive",
                    "payment-amount-too-precise",
                    "invoice-exempt",
                    "fee-schedule-missing",
                    "invoice-status-invalid",
                    // the ledger's, answered when a posting is refused or the ledger is busy
                    "ledger-busy",
                    "account-would-go-negative",
                    "currency-mismatch");

    @Test
    void everyCodeHasItsTitleAndDetailInBothLanguages() throws IOException {
        Properties english = load("/messages.properties");
        Properties french = load("/messages_fr.properties");
        for (String code : CODES) {
            for (String part : List.of(".title", ".detail")) {
                String key = "problem." + code + part;
                assertThat(english.getProperty(key)).as(key + " (en)").isNotBlank();
                assertThat(french.getProperty(key))
                        .as(key + " (fr)")
                        .isNotBlank()
                        .isNotEqualTo(english.getProperty(key));
            }
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = FeeMessagesTest.class.getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
