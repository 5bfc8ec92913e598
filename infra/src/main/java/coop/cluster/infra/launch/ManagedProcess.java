package coop.cluster.infra.launch;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process of the platform, as the launcher starts it.
 *
 * @param healthUrl {@code http://.../actuator/health} (UP when the JSON status is UP) or {@code
 *     tcp://host:port} (UP when the port accepts connections)
 * @param command the full command line, starting with the java executable
 * @param env environment variables added to the launcher's own
 */
public record ManagedProcess(
        String name,
        Tier tier,
        int port,
        URI healthUrl,
        List<String> command,
        Map<String, String> env) {

    /**
     * Infrastructure starts first and stops last; applications start together once it is up; the
     * further instances of the services ({@code --instances N}) once the applications are up (one
     * seeds the demo data and creates the indexes, the others find them), and stop with the
     * applications.
     */
    public enum Tier {
        INFRASTRUCTURE,
        APPLICATION,
        REPLICA
    }

    public ManagedProcess {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** The jar run with {@code -jar}, if any: it must exist before anything is started. */
    public Optional<Path> jar() {
        int i = command.indexOf("-jar");
        return i >= 0 && i + 1 < command.size()
                ? Optional.of(Path.of(command.get(i + 1)))
                : Optional.empty();
    }

    public boolean httpHealth() {
        return healthUrl.getScheme().startsWith("http");
    }
}
