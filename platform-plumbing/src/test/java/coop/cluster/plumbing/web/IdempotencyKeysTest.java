package coop.cluster.plumbing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class IdempotencyKeysTest {

    @Test
    void theSameKindCallerAndKeyNameTheSameIdAndAnyDifferenceAnother() {
        String id = IdempotencyKeys.idFor("project-start", "amina", "key-1");

        assertThat(IdempotencyKeys.idFor("project-start", "amina", "key-1")).isEqualTo(id);
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(IdempotencyKeys.idFor("project-start", "bruno", "key-1"))
                .as("another caller")
                .isNotEqualTo(id);
        assertThat(IdempotencyKeys.idFor("member-application", "amina", "key-1"))
                .as("another kind")
                .isNotEqualTo(id);
        assertThat(IdempotencyKeys.idFor("project-start", "amina", "key-2"))
                .as("another key")
                .isNotEqualTo(id);
        // the separator keeps "a" + "b:c" apart from "a:b" + "c"
        assertThat(IdempotencyKeys.idFor("k", "a", "bc"))
                .isNotEqualTo(IdempotencyKeys.idFor("k", "ab", "c"));
    }

    @Test
    void aKeyMustBeOneTo128PrintableCharactersWithoutSpaces() {
        assertThat(IdempotencyKeys.idFor("k", "u", "x".repeat(128))).isNotBlank();
        for (String bad : new String[] {"", "two words", "x".repeat(129), "tab\tkey", "é-accent"}) {
            assertThatThrownBy(() -> IdempotencyKeys.idFor("k", "u", bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            e -> {
                                assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                                assertThat(e.code()).isEqualTo("idempotency-key-invalid");
                            });
        }
    }

    @Test
    void aReusedKeyIsA422Conflict() {
        ProblemException conflict = IdempotencyKeys.conflict("key-1");

        assertThat(conflict.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(conflict.code()).isEqualTo("idempotency-conflict");
    }
}
