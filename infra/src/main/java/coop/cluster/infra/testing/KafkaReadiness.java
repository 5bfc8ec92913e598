package coop.cluster.infra.testing;

import coop.cluster.infra.support.NetworkPorts;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/** "The broker is ready" means: its port accepts connections and it answers a metadata request. */
final class KafkaReadiness {

    private KafkaReadiness() {}

    /**
     * @param failed checked between attempts; answers true when waiting is pointless (the process
     *     died)
     * @return true when ready before the timeout
     */
    static boolean await(String host, int port, Duration timeout, BooleanSupplier failed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!NetworkPorts.awaitListening(host, port, timeout, failed)) {
            return false;
        }
        while (System.nanoTime() < deadline) {
            if (failed.getAsBoolean()) {
                return false;
            }
            if (answersMetadata(host + ":" + port)) {
                return true;
            }
        }
        return false;
    }

    static boolean answersMetadata(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-infra-readiness");
        try (Admin admin = Admin.create(props)) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(4, TimeUnit.SECONDS);
            return !nodes.isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
