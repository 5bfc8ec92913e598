package coop.cluster.plumbing.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the store, on a port of its own, that passes every chunk it reads on at
 * once; a subclass decides what happens to a chunk before it is passed on ({@link
 * #beforeForwarding}).
 */
abstract class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final String name;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    TcpProxy(String name, String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.name = name;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread.ofPlatform().daemon().name(name + "-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    boolean closed() {
        return closed;
    }

    /**
     * Called with each chunk read, before it is passed on; may block.
     *
     * @param towardsClient true for the store's replies, false for the client's requests
     */
    protected abstract void beforeForwarding(boolean towardsClient) throws InterruptedException;

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofPlatform()
                        .daemon()
                        .name(name + "-up")
                        .start(() -> pump(client, upstream, false));
                Thread.ofPlatform()
                        .daemon()
                        .name(name + "-down")
                        .start(() -> pump(upstream, client, true));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsClient) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                beforeForwarding(towardsClient);
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed: close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        sockets.forEach(this::closeQuietly);
    }
}
