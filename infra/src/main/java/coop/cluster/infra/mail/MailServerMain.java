package coop.cluster.infra.mail;

import coop.cluster.infra.support.InfraLogging;
import coop.cluster.infra.support.ParentWatchdog;
import coop.cluster.infra.support.ShutdownGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A development mail catcher: a real SMTP server (GreenMail) that accepts any sender and any
 * recipient without authentication and delivers nothing, and an HTTP API that reads what it caught
 * ({@link MailApi}). The messages live in memory only: a restart of this process starts with none.
 * The platform's applications send to it through {@code SPRING_MAIL_HOST}/{@code SPRING_MAIL_PORT};
 * tests and {@code scripts/mail.sh} read it over HTTP.
 *
 * <pre>
 * java -cp infra.jar:lib/* coop.cluster.infra.mail.MailServerMain \
 *     [--host 127.0.0.1] [--port 2525] [--api-port 8025] [--parent-pid PID] [--max-messages 2000]
 * </pre>
 *
 * The API starts last, so its {@code /health} answering UP (what the launcher polls) means SMTP is
 * up too. Prints a line starting with {@value #READY_MARKER} then, like the broker and the store; a
 * port that cannot be bound ends the process with code 1 and a line starting with {@value
 * #FAILED_MARKER}.
 */
public final class MailServerMain {

    public static final String READY_MARKER = "MAIL SERVER READY";
    public static final String FAILED_MARKER = "MAIL SERVER FAILED";

    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(10);

    private final MailOptions options;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile MailCatcher catcher;
    private volatile MailApi api;

    private MailServerMain(MailOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        InfraLogging.useInfraConfiguration();
        MailOptions options;
        try {
            options = MailOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("MailServerMain: " + e.getMessage());
            System.err.println(MailOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            new MailServerMain(options).run();
        } catch (Exception | Error e) {
            System.err.println(FAILED_MARKER + ": " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private void run() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "mail-server-shutdown"));
        options.parentPid()
                .ifPresent(
                        pid ->
                                ParentWatchdog.watch(
                                        pid,
                                        () ->
                                                System.out.println(
                                                        "parent process "
                                                                + pid
                                                                + " is gone; stopping the mail"
                                                                + " server")));

        MailStore store = new MailStore(options.maxMessages());
        MailCatcher c = new MailCatcher(options.host(), options.port(), store);
        catcher = c;
        c.start();
        MailApi a = new MailApi(store, c::isRunning);
        api = a;
        a.start(options.host(), options.apiPort());

        long startedMillis = Duration.between(jvmStart(), Instant.now()).toMillis();
        System.out.printf(
                "%s on %s (any sender, any recipient, no authentication; messages in memory, the"
                        + " newest %d kept), messages at %s/messages, in %d ms since JVM start%n",
                READY_MARKER,
                options.smtpAddress(),
                options.maxMessages(),
                options.apiUrl(),
                startedMillis);
        System.out.flush();
        stopped.await();
    }

    private void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        ShutdownGuard guard = ShutdownGuard.arm("the mail server", SHUTDOWN_LIMIT);
        MailApi a = api;
        if (a != null) {
            a.stop();
        }
        MailCatcher c = catcher;
        if (c != null) {
            System.out.println(
                    "stopping the mail server on "
                            + options.smtpAddress()
                            + " (its messages are not kept)");
            c.stop();
            System.out.println("mail server stopped");
        }
        stopped.countDown();
        guard.disarm();
    }

    private static Instant jvmStart() {
        return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    }
}
