package coop.cluster.infra.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final Set<String> OPTIONS = Set.of("port", "set");
    private static final Set<String> FLAGS = Set.of("memory");

    @Test
    void readsSeparateAndInlineValuesFlagsAndRepeats() {
        CommandLine cl =
                CommandLine.parse(
                        new String[] {"--port", "9092", "--memory", "--set=a=1", "--set", "b=2"},
                        OPTIONS,
                        FLAGS);

        assertThat(cl.port("port", 1)).isEqualTo(9092);
        assertThat(cl.has("memory")).isTrue();
        assertThat(cl.all("set")).containsExactly("a=1", "b=2");
        assertThat(cl.value("set")).contains("b=2");
    }

    @Test
    void fallsBackToDefaults() {
        CommandLine cl = CommandLine.parse(new String[0], OPTIONS, FLAGS);

        assertThat(cl.port("port", 27017)).isEqualTo(27017);
        assertThat(cl.has("memory")).isFalse();
        assertThat(cl.all("set")).isEmpty();
    }

    @Test
    void refusesUnknownOptionsNamingTheKnownOnes() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--prot", "1"}, OPTIONS, FLAGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--prot")
                .hasMessageContaining("--port");
    }

    @Test
    void refusesAMissingValueAFlagWithAValueAndABarePositional() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port"}, OPTIONS, FLAGS))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--memory=yes"}, OPTIONS, FLAGS))
                .hasMessageContaining("takes no value");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"run"}, OPTIONS, FLAGS))
                .hasMessageContaining("unexpected argument");
    }

    @Test
    void refusesPortsOutOfRange() {
        CommandLine cl = CommandLine.parse(new String[] {"--port", "70000"}, OPTIONS, FLAGS);

        assertThatThrownBy(() -> cl.port("port", 1)).hasMessageContaining("1-65535");
    }
}
