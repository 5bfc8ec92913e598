package coop.cluster.activity;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.testing.web.ConstraintMessages;
import org.junit.jupiter.api.Test;

/** Every constraint message of this service is a key in English and French. */
class ConstraintMessagesTest {

    @Test
    void everyConstraintMessageIsAKeyInEnglishAndFrench() {
        assertThat(ConstraintMessages.problems("coop.cluster.activity")).isEmpty();
    }
}
