package coop.cluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which post-logout redirect URIs match a registered loopback one apart from the port (RFC 8252
 * §7.3).
 */
class LoopbackPostLogoutRedirectsTest {

    @Test
    void aLoopbackLiteralMatchesOnAnyPort() {
        assertThat(
                        LoopbackPostLogoutRedirects.sameLoopbackIgnoringPort(
                                "http://127.0.0.1:8080/", "http://127.0.0.1:28080/"))
                .isTrue();
        assertThat(
                        LoopbackPostLogoutRedirects.sameLoopbackIgnoringPort(
                                "http://[::1]:8080/", "http://[::1]:9/"))
                .isTrue();
    }

    @Test
    void anythingElseMustMatchExactly() {
        assertThat(
                        LoopbackPostLogoutRedirects.sameLoopbackIgnoringPort(
                                "http://127.0.0.1:8080/", "http://127.0.0.1:28080/elsewhere"))
                .isFalse();
        assertThat(
                        LoopbackPostLogoutRedirects.sameLoopbackIgnoringPort(
                                "http://127.0.0.1:8080/", "http://localhost:8080/"))
                .isFalse();
        assertThat(
                        LoopbackPostLogoutRedirects.sameLoopbackIgnoringPort(
                                "http://127.0.0.1:8080/", "https://127.0.0.1:8080/"))
                .isFalse();
        assertThat(
                        LoopbackPostLogoutRedirects.sameLoopbackIgnoringPort(
                                "http://127.0.0.1:8080/", "http://evil@127.0.0.1:8080/"))
                .isFalse();
        assertThat(
                        LoopbackPostLogoutRedirects.sameLoopbackIgnoringPort(
                                "https://cluster.example/", "https://cluster.example:8443/"))
                .isFalse();
        assertThat(
                        LoopbackPostLogoutRedirects.sameLoopbackIgnoringPort(
                                "http://127.0.0.1:8080/", "::not a uri"))
                .isFalse();
    }
}
