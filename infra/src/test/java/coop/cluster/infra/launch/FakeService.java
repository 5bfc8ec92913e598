package coop.cluster.infra.launch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;

/**
 * Stands in for a Spring Boot service in {@link PlatformLauncherIT}: packaged alone into {@code
 * <module>/target/<module>.jar}, it serves {@code /actuator/health} on SERVER_PORT and writes the
 * environment it was given into LOGGING_FILE_NAME. A file {@code <module>/FAIL} makes it exit at
 * once, {@code <module>/DOWN} makes its health DOWN. Self-contained on purpose (no nested classes):
 * the jar holds this one class.
 */
public final class FakeService {

    private FakeService() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        Path log = Path.of(System.getenv("LOGGING_FILE_NAME"));
        String module = log.getFileName().toString().replace(".log", "");
        Path home = Path.of("").toAbsolutePath();
        if (Files.exists(home.resolve(module).resolve("FAIL"))) {
            System.out.println("fake " + module + ": failing on purpose");
            System.exit(3);
        }
        boolean down = Files.exists(home.resolve(module).resolve("DOWN"));

        StringBuilder env = new StringBuilder();
        new TreeMap<>(System.getenv())
                .forEach(
                        (k, v) -> {
                            if (k.startsWith("SPRING_")
                                    || k.startsWith("CLUSTER_")
                                    || k.startsWith("SERVER_")
                                    || k.startsWith("LOGGING_")) {
                                env.append("ENV ").append(k).append('=').append(v).append('\n');
                            }
                        });
        Files.createDirectories(log.getParent());
        Files.writeString(log, env.toString(), StandardCharsets.UTF_8);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext(
                "/actuator/health",
                exchange -> {
                    byte[] body =
                            (down
                                            ? "{\"status\":\"DOWN\"}"
                                            : "{\"components\":{\"disk\":{\"status\":\"DOWN\"}},\"status\":\"UP\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(down ? 503 : 200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.stop(0);
                                    try {
                                        Files.writeString(
                                                log,
                                                "STOPPED\n",
                                                StandardCharsets.UTF_8,
                                                StandardOpenOption.APPEND);
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                }));
        System.out.println("fake " + module + " listening on " + port);
    }
}
