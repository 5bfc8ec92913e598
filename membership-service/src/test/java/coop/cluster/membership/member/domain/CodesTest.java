package coop.cluster.membership.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodesTest {

    @ParameterizedTest
    @CsvSource({"62, J62", "62.0, J62.0", "62.01, J62.01", "j62.01, J62.01", "C, C", "C26.1, C26.1", "01.1, A01.1",
            "99, U99", " 35.11 , D35.11"})
    void naceCodesAreCanonicalWithTheirSection(String code, String canonical) {
        assertThat(Codes.nace(code)).hasValue(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4", "04", "34", "62.012", "62.", "V", "C62", "J26", "6201", "J 62", "AB"})
    void notNaceCodes(String code) {
        assertThat(Codes.nace(code)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"FR, FR", "FRK26, FR", "FR101, FR", "BE24, BE", "EL30, GR", "UKI3, GB", "DE, DE"})
    void nutsRegionsWithinTheirCountry(String region, String country) {
        assertThat(Codes.isNutsIn(region, country)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"FRK26, BE", "GR30, GR", "FRK266, FR", "frk26, FR", "F, FR", "FR-K, FR"})
    void notNutsRegionsOfTheCountry(String region, String country) {
        assertThat(Codes.isNutsIn(region, country)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR", "MA", "TN", "PS", "JO", "EG"})
    void isoCountries(String code) {
        assertThat(Codes.isCountry(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "fr", "FRA", "EL", "UK", ""})
    void notIsoCountries(String code) {
        assertThat(Codes.isCountry(code)).isFalse();
    }
}
