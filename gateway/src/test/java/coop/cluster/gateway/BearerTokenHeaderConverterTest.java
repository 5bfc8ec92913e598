package coop.cluster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The same header rules as Spring Security's ServerBearerTokenAuthenticationConverter (header
 * only).
 */
class BearerTokenHeaderConverterTest {

    @Test
    void wellFormedHeadersGiveTheToken() {
        assertThat(BearerTokenHeaderConverter.token("Bearer abc.DEF-_~+/9"))
                .isEqualTo("abc.DEF-_~+/9");
        assertThat(BearerTokenHeaderConverter.token("bearer abc==")).isEqualTo("abc==");
        assertThat(BearerTokenHeaderConverter.token("BEARER a")).isEqualTo("a");
    }

    @Test
    void malformedHeadersGiveNothing() {
        assertThat(BearerTokenHeaderConverter.token("Bearer")).isNull();
        assertThat(BearerTokenHeaderConverter.token("Bearer ")).isNull();
        assertThat(BearerTokenHeaderConverter.token("Bearer ==")).isNull();
        assertThat(BearerTokenHeaderConverter.token("Bearer a=b")).isNull();
        assertThat(BearerTokenHeaderConverter.token("Bearer a b")).isNull();
        assertThat(BearerTokenHeaderConverter.token("Bearer  a")).isNull();
        assertThat(BearerTokenHeaderConverter.token("Bearer a\n")).isNull();
        assertThat(BearerTokenHeaderConverter.token("Bearerx a")).isNull();
        assertThat(BearerTokenHeaderConverter.token("Bearer é")).isNull();
    }
}
