package coop.cluster.membership.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodesTest {

    @ParameterizedTest
    @CsvSource({
        "62, J62",
        "62.0, J62.0",
        "62.01, J62.01",
        "j62.01, J62.01",
        "C, C",
        "C26.1, C26.1",
        "01.1, A01.1",
        "99, U99",
        " 35.11 , D35.11",
        "99.0, U99.0",
        "99.00, U99.00",
        "01.70, A01.70",
        "46.90, G46.90",
        "11.07, C11.07",
        "72.19, M72.19"
    })
    void naceCodesAreCanonicalWithTheirSection(String code, String canonical) {
        assertThat(Codes.nace(code)).hasValue(canonical);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "4",
                "04",
                "34",
                "62.012",
                "62.",
                "V",
                "C62",
                "J26",
                "6201",
                "J 62",
                "AB",
                // a group or a class that NACE Rev. 2 does not have, in a division it has
                // (acceptance testing: 99.9)
                "99.9",
                "99.01",
                "62.05",
                "62.1",
                "J62.10",
                "01.8",
                "01.18",
                "46.8",
                "11.08",
                "35.4"
            })
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
