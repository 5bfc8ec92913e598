package coop.cluster.infra.mail;

import coop.cluster.infra.support.CommandLine;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Options of {@link MailServerMain}.
 *
 * @param port the SMTP port
 * @param apiPort the HTTP port of the API that reads what was caught ({@link MailApi})
 * @param maxMessages how many messages are kept; the oldest go first, so a long-running platform
 *     that sends notifications cannot fill the catcher's small heap
 */
public record MailOptions(
        String host, int port, int apiPort, OptionalLong parentPid, int maxMessages) {

    public static final int DEFAULT_PORT = 2525;
    public static final int DEFAULT_API_PORT = 8025;

    static final Set<String> OPTIONS =
            Set.of("host", "port", "api-port", "parent-pid", "max-messages");

    static final String USAGE =
            "usage: MailServerMain [--host 127.0.0.1] [--port "
                    + DEFAULT_PORT
                    + "] [--api-port "
                    + DEFAULT_API_PORT
                    + "] [--parent-pid PID] [--max-messages 2000]";

    public static MailOptions parse(String[] args) {
        CommandLine cl = CommandLine.parse(args, OPTIONS, Set.of());
        int maxMessages = cl.intValue("max-messages", 2000);
        if (maxMessages < 1) {
            throw new IllegalArgumentException("--max-messages must be at least 1");
        }
        MailOptions options =
                new MailOptions(
                        cl.value("host").orElse("127.0.0.1"),
                        cl.port("port", DEFAULT_PORT),
                        cl.port("api-port", DEFAULT_API_PORT),
                        cl.value("parent-pid")
                                .map(v -> OptionalLong.of(Long.parseLong(v.trim())))
                                .orElse(OptionalLong.empty()),
                        maxMessages);
        if (options.port() == options.apiPort()) {
            throw new IllegalArgumentException("--port and --api-port must differ");
        }
        return options;
    }

    public String smtpAddress() {
        return "smtp://" + host + ":" + port;
    }

    public String apiUrl() {
        return "http://" + host + ":" + apiPort;
    }
}
