package coop.cluster.infra.support;

/**
 * Points Logback at this module's own configuration for the broker and store processes. It is not
 * called {@code logback.xml} on purpose: the infra jar sits on the test classpath of every service,
 * and must not take over their logging.
 */
public final class InfraLogging {

    public static final String CONFIG_RESOURCE = "coop/cluster/infra/infra-logback.xml";

    private InfraLogging() {}

    /** Call first thing in a main, before any logger is created. */
    public static void useInfraConfiguration() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", CONFIG_RESOURCE);
        }
        // Kafka puts log4j-core on the classpath for its dynamic log-level API; we log through
        // slf4j.
        if (System.getProperty("log4j2.statusLoggerLevel") == null) {
            System.setProperty("log4j2.statusLoggerLevel", "OFF");
        }
    }
}
