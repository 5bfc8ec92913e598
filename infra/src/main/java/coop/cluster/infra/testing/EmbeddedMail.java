package coop.cluster.infra.testing;

import coop.cluster.infra.mail.MailServerMain;
import coop.cluster.infra.support.NetworkPorts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The mail catcher of the tests: {@link MailServerMain} in a child JVM on free ports, watching this
 * JVM's pid like the broker does, started only when a test asks for it ({@link
 * EmbeddedInfra#mailBox()}, or {@code @EmbeddedInfraTest(mail = true)}). The same in both
 * infrastructure modes: it needs no Docker.
 */
final class EmbeddedMail {

    static final String HOST = LocalInfraBackend.HOST;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private ChildJvm server;
    private Path output;
    private int starts;
    private int smtpPort;
    private int apiPort;

    /**
     * Starts the catcher unless it runs; on other free ports if the chosen ones were taken
     * meanwhile.
     */
    synchronized void ensureRunning() {
        if (server != null && server.isAlive()) {
            return;
        }
        IllegalStateException last = null;
        // started before and gone (a test stopped it): the same ports first, those Spring contexts
        // already hold
        boolean samePortsFirst = smtpPort != 0;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            if (attempt > 1 || !samePortsFirst) {
                smtpPort = NetworkPorts.freePort();
                apiPort = NetworkPorts.freePort();
            }
            // a file per start: the READY line of an earlier start on the same ports must not be
            // taken for this one's
            output =
                    ChildJvm.defaultOutputDir()
                            .resolve(
                                    "embedded-mail-"
                                            + ProcessHandle.current().pid()
                                            + "-"
                                            + ++starts
                                            + ".out");
            ChildJvm child =
                    ChildJvm.builder(MailServerMain.class)
                            .name("embedded-mail")
                            .classpath(Classpath.jarsAnd(MailServerMain.class))
                            .jvmOptions("-Xmx96m")
                            .args(
                                    "--host",
                                    HOST,
                                    "--port",
                                    Integer.toString(smtpPort),
                                    "--api-port",
                                    Integer.toString(apiPort),
                                    "--parent-pid",
                                    Long.toString(ProcessHandle.current().pid()))
                            .output(output)
                            .start();
            try {
                child.awaitOutput(
                        MailServerMain.READY_MARKER + " on smtp://" + HOST + ":" + smtpPort,
                        START_TIMEOUT);
                server = child;
                return;
            } catch (IllegalStateException e) {
                // most likely a port taken between choosing it and binding it: try other ports
                child.kill();
                last = e;
            }
        }
        throw new IllegalStateException(
                "the embedded mail catcher did not start (output " + output + ")", last);
    }

    synchronized boolean isRunning() {
        return server != null && server.isAlive();
    }

    synchronized int smtpPort() {
        return smtpPort;
    }

    synchronized URI api() {
        return URI.create("http://" + HOST + ":" + apiPort);
    }

    synchronized long pid() {
        return server == null ? -1 : server.pid();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(10));
        }
    }

    @Override
    public synchronized String toString() {
        return isRunning()
                ? "mail catcher pid "
                        + server.pid()
                        + " on smtp://"
                        + HOST
                        + ":"
                        + smtpPort
                        + ", API "
                        + api()
                        + ", log "
                        + output
                : "no mail catcher";
    }
}
