package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/** The 1 MiB body limit holds whatever the framing: Content-Length or chunked. */
class RequestBodyLimitIT extends GatewayITSupport {

    private static final String PUSH = "/api/feeds/region-sud/calls";

    @Test
    void aChunkedBodyOverTheLimitIs413AndNeverReachesTheService() {
        int before = service("funding-watch").calls(PUSH);
        client.post()
                .uri(PUSH)
                .headers(RequestBodyLimitIT::signed)
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunks(3 * 1024 * 1024), DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://cluster.coop/problems/payload-too-large")
                .jsonPath("$.code")
                .isEqualTo("payload-too-large")
                .jsonPath("$.status")
                .isEqualTo(413);
        assertThat(service("funding-watch").calls(PUSH)).isEqualTo(before);
    }

    /**
     * Acceptance testing (issue 16) sent a bank statement over 1 MiB through the gateway: the 413
     * the gateway answers itself lacked the {@code code} that every problem of the reconciliation
     * endpoints has.
     */
    @Test
    void aStatementOverTheLimitIsA413WithItsCode() {
        String statements = "/api/finance/reconciliation/statements";
        int before = service("finance").calls(statements);
        // sent chunked, as a browser's or curl's upload of a big file may be: the gateway reads up
        // to the limit, then
        // answers (with a declared length it answers at once, and a client still writing may see
        // the close first)
        client.post()
                .uri(statements + "?closingBalance=1.00")
                .header(HttpHeaders.AUTHORIZATION, bearer("farid", "finance"))
                .contentType(MediaType.parseMediaType("text/csv"))
                .body(chunks(2 * 1024 * 1024), DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://cluster.coop/problems/payload-too-large")
                .jsonPath("$.code")
                .isEqualTo("payload-too-large")
                .jsonPath("$.instance")
                .isEqualTo(statements);
        assertThat(service("finance").calls(statements)).isEqualTo(before);
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413() {
        byte[] body = new byte[1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        client.post()
                .uri(PUSH)
                .headers(RequestBodyLimitIT::signed)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "fr")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Requête trop volumineuse");
    }

    @Test
    void aChunkedBodyWithinTheLimitIsForwardedWhole() {
        int size = 512 * 1024;
        client.post()
                .uri("/api/feeds/region-sud/calls")
                .headers(RequestBodyLimitIT::signed)
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunks(size), DataBuffer.class)
                .exchange()
                .expectStatus()
                .isOk();
        StubService.Seen seen = service("funding-watch").last(PUSH);
        assertThat(seen.headers().getFirst(HttpHeaders.CONTENT_LENGTH))
                .isEqualTo(Integer.toString(size));
    }

    /** {@code size} bytes of JSON-ish filler in 64 KiB chunks, without a Content-Length. */
    private static Flux<DataBuffer> chunks(int size) {
        int chunk = 64 * 1024;
        byte[] filler = " ".repeat(chunk).getBytes(StandardCharsets.US_ASCII);
        return Flux.range(0, size / chunk)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(filler));
    }

    private static void signed(HttpHeaders headers) {
        headers.set("X-Feed-Id", "region-sud");
        headers.set("X-Feed-Timestamp", "1764000000");
        headers.set("X-Feed-Signature", "sha256=" + "0".repeat(64));
    }
}
