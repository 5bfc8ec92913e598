package coop.cluster.finance;

import coop.cluster.testing.http.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What the shared {@link Api} does not send (yet), for finance's ITs: a language other than English
 * (Api asks for English), a body that is not JSON with its own {@code Content-Type} (Api sends
 * JSON), an answer read as bytes (a PDF). One client for all of them, answering {@link Api.Answer}s
 * as Api does; everything else goes through Api.
 */
public final class RawApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    public RawApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A {@code method} request to {@code path}: nothing set until said. */
    public Request request(String method, String path) {
        return new Request(HttpRequest.newBuilder(URI.create(base + path)), method);
    }

    public Request get(String path) {
        return request("GET", path);
    }

    public Request post(String path) {
        return request("POST", path);
    }

    /** A request being built. */
    public static final class Request {

        private final HttpRequest.Builder builder;
        private final String method;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Request(HttpRequest.Builder builder, String method) {
            this.builder = builder;
            this.method = method;
        }

        /** The bearer token; none when {@code null}. */
        public Request token(String token) {
            if (token != null) {
                builder.setHeader("Authorization", "Bearer " + token);
            }
            return this;
        }

        /** The {@code Accept-Language}; none when {@code null}. */
        public Request language(String language) {
            return header("Accept-Language", language);
        }

        /** The {@code Accept}; none when {@code null}. */
        public Request accept(String mediaType) {
            return header("Accept", mediaType);
        }

        /** A header; none when {@code value} is {@code null}. */
        public Request header(String name, String value) {
            if (value != null) {
                builder.setHeader(name, value);
            }
            return this;
        }

        /** A JSON body. */
        public Request json(String json) {
            return body(json.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        /** A body of any type. */
        public Request body(byte[] content, String contentType) {
            body = HttpRequest.BodyPublishers.ofByteArray(content);
            return header("Content-Type", contentType);
        }

        /** Sends it; the answer's body as text. */
        public Api.Answer send() {
            HttpResponse<String> response = exchange(HttpResponse.BodyHandlers.ofString());
            return new Api.Answer(response.statusCode(), response.body(), response);
        }

        /** Sends it; the answer's body as bytes. */
        public HttpResponse<byte[]> sendForBytes() {
            return exchange(HttpResponse.BodyHandlers.ofByteArray());
        }

        private <T> HttpResponse<T> exchange(HttpResponse.BodyHandler<T> handler) {
            try {
                return HTTP.send(builder.method(method, body).build(), handler);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
