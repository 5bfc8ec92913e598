package coop.cluster.finance.receipt.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ec-horizon", "0000aaaa-0000-4000-8000-00000000000a", "A.b_c-1"})
    void aValidSegmentIsKeptAsItIs(String id) {
        assertThat(Segments.of(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Fondation Éole",
                "a:b",
                "x/y",
                "日本財団",
                " ",
                "",
                "a very long donor name that goes on "
                        + "and on well beyond sixty-four characters in total, surely"
            })
    void anyOtherIdBecomesAValidSegmentDeterministically(String id) {
        String segment = Segments.of(id);

        assertThat(Segments.isSegment(segment)).as(segment).isTrue();
        assertThat(Segments.of(id)).isEqualTo(segment);
        assertThat(segment.length()).isLessThanOrEqualTo(Segments.MAX_LENGTH);
    }

    @Test
    void idsThatFoldAlikeStayApart() {
        assertThat(Segments.of("Fondation Éole")).startsWith("fondation-eole_");
        assertThat(Segments.of("Fondation Éole")).isNotEqualTo(Segments.of("fondation eole"));
        assertThat(Segments.of("a:b")).isNotEqualTo(Segments.of("a/b"));
    }
}
