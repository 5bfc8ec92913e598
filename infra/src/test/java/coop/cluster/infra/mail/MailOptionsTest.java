package coop.cluster.infra.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MailOptionsTest {

    @Test
    void defaultsToSmtp2525AndTheApiOn8025OnTheLoopbackInterface() {
        MailOptions options = MailOptions.parse(new String[0]);

        assertThat(options)
                .isEqualTo(new MailOptions("127.0.0.1", 2525, 8025, OptionalLong.empty(), 2000));
        assertThat(options.smtpAddress()).isEqualTo("smtp://127.0.0.1:2525");
        assertThat(options.apiUrl()).isEqualTo("http://127.0.0.1:8025");
        assertThat(
                        MailOptions.parse(
                                new String[] {
                                    "--port", "32525", "--api-port=38025", "--parent-pid", "42"
                                }))
                .isEqualTo(new MailOptions("127.0.0.1", 32525, 38025, OptionalLong.of(42), 2000));
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> MailOptions.parse(new String[] {"--port", "8025"}))
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> MailOptions.parse(new String[] {"--api-port", "0"}))
                .hasMessageContaining("TCP port");
        assertThatThrownBy(() -> MailOptions.parse(new String[] {"--max-messages", "0"}))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> MailOptions.parse(new String[] {"--smtp-port", "25"}))
                .hasMessageContaining("unknown option");
    }
}
