package coop.cluster.notification.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** An SMTP server on loopback that answers every RCPT TO with {@code refusal} (a 550, a 450...). */
public final class RefusingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread thread;

    public RefusingSmtpServer(String refusal) throws IOException {
        socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread =
                new Thread(
                        () -> {
                            while (!socket.isClosed()) {
                                try (Socket client = socket.accept()) {
                                    converse(client, refusal);
                                } catch (IOException closed) {
                                    return;
                                }
                            }
                        },
                        "refusing-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private static void converse(Socket client, String refusal) throws IOException {
        BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        PrintWriter out =
                new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII);
        reply(out, "220 refusing.example ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command =
                    line.length() >= 4
                            ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT)
                            : line;
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 refusing.example");
                case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                case "RCPT" -> reply(out, refusal);
                case "QUIT" -> {
                    reply(out, "221 2.0.0 Bye");
                    return;
                }
                default -> reply(out, "502 5.5.2 Not implemented");
            }
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
