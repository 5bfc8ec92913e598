package coop.cluster.infra.kafka;

import java.util.Properties;

/** The server.properties of a single-node KRaft broker (combined broker and controller). */
public final class KafkaBrokerConfig {

    public static final int NODE_ID = 1;
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private KafkaBrokerConfig() {}

    public static Properties serverProperties(BrokerOptions o) {
        Properties p = new Properties();
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("process.roles", "broker,controller");
        p.setProperty(
                "controller.quorum.voters", NODE_ID + "@" + o.host() + ":" + o.controllerPort());
        p.setProperty(
                "listeners",
                "PLAINTEXT://"
                        + o.host()
                        + ":"
                        + o.port()
                        + ","
                        + CONTROLLER_LISTENER
                        + "://"
                        + o.host()
                        + ":"
                        + o.controllerPort());
        p.setProperty("advertised.listeners", "PLAINTEXT://" + o.host() + ":" + o.port());
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("log.dirs", o.logDir().toString());

        p.setProperty("num.partitions", Integer.toString(o.partitions()));
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // 50 partitions each (the defaults) make the first consumer group and the first transaction
        // slow to start
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.num.partitions", "10");

        // sized for a 2-core machine with a small heap
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("background.threads", "4");
        p.setProperty("log.cleaner.threads", "1");
        // the default (128 MiB, on the heap) would take half of the broker's heap
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));

        o.overrides().forEach(p::setProperty);
        return p;
    }
}
