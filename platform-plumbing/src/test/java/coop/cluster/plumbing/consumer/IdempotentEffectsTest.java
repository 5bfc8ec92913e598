package coop.cluster.plumbing.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotentEffectsTest {

    @Test
    void derivesTheSameEffectIdFromTheSameEventAndPurpose() {
        assertThat(IdempotentEffects.effectId("event-1", "invoice"))
                .isEqualTo(IdempotentEffects.effectId("event-1", "invoice"))
                .isNotEqualTo(IdempotentEffects.effectId("event-1", "receipt"))
                .isNotEqualTo(IdempotentEffects.effectId("event-2", "invoice"));
    }

    @Test
    void separatesPurposeFromEventIdSoConcatenationsCannotCollide() {
        assertThat(IdempotentEffects.effectId("b", "a"))
                .isNotEqualTo(IdempotentEffects.effectId("", "ab"));
    }
}
