package coop.cluster.finance;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.testing.web.ConstraintMessages;
import org.junit.jupiter.api.Test;

/**
 * Every constraint message of this service is a key in English and French: a text of its own put
 * English into the errors of a French answer (acceptance testing, issue 15: "mixed languages").
 */
class ConstraintMessagesTest {

    @Test
    void everyConstraintMessageIsAKeyInEnglishAndFrench() {
        assertThat(ConstraintMessages.problems("coop.cluster.finance")).isEmpty();
    }
}
