package coop.cluster.fundingwatch.call.domain;

import static coop.cluster.fundingwatch.call.domain.Calls.JUNE;
import static coop.cluster.fundingwatch.call.domain.Calls.SEPTEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FundingCallTest {

    @Test
    void theIdIsStableAndComesFromSourceAndReferenceOnly() {
        FundingCall call = Calls.call();
        FundingCall retitled = Calls.withTitleDescriptionBudget(call, "Other", "Other", null);

        assertThat(call.id())
                .isEqualTo(retitled.id())
                .isEqualTo(FundingCall.idOf("eu-ft-portal", "TEST-1"))
                .isEqualTo(
                        UUID.nameUUIDFromBytes(
                                "funding-call\u0000eu-ft-portal\u0000TEST-1".getBytes()));
        assertThat(call.id().version()).isEqualTo(3);
        assertThat(FundingCall.idOf("region-sud", "TEST-1")).isNotEqualTo(call.id());
        assertThat(FundingCall.idOf("eu-ft-portal", "TEST-10")).isNotEqualTo(call.id());
        // the separator keeps "a" + "bc" apart from "ab" + "c"
        assertThat(FundingCall.idOf("a", "bc")).isNotEqualTo(FundingCall.idOf("ab", "c"));
    }

    @Test
    void sourceReferenceAndTitleAreRequired() {
        assertThatThrownBy(() -> minimal(" ", "R", "T")).hasMessage("source is required");
        assertThatThrownBy(() -> minimal("S", null, "T")).hasMessage("reference is required");
        assertThatThrownBy(() -> minimal("S", "R", "")).hasMessage("title is required");
        assertThatThrownBy(() -> minimal("S", "R".repeat(FundingCall.MAX_REFERENCE + 1), "T"))
                .hasMessageContaining("reference longer than 500");
        assertThatThrownBy(
                        () ->
                                new FundingCall(
                                        "S",
                                        "R",
                                        null,
                                        null,
                                        null,
                                        "T",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        CallStatus.OPEN,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null))
                .hasMessage("kind");
    }

    @Test
    void listsAreCopiedCleanedAndNeverNull() {
        List<String> keywords = new ArrayList<>(Arrays.asList("b", "a", null, " ", "b"));
        List<Instant> deadlines = new ArrayList<>(Arrays.asList(SEPTEMBER, null, JUNE, SEPTEMBER));
        FundingCall call =
                new FundingCall(
                        "S",
                        "R",
                        null,
                        null,
                        null,
                        "T",
                        null,
                        null,
                        keywords,
                        null,
                        CallKind.GRANT,
                        CallStatus.OPEN,
                        null,
                        deadlines,
                        null,
                        List.of("fr", "FR", "es"),
                        null,
                        null);
        keywords.clear();
        deadlines.clear();

        assertThat(call.keywords()).containsExactly("b", "a");
        assertThat(call.tags()).isEmpty();
        assertThat(call.deadlines()).containsExactly(JUNE, SEPTEMBER);
        assertThat(call.eligibleCountries()).containsExactly("FR", "ES");
        assertThat(call.description()).isEmpty();
        assertThatThrownBy(() -> call.keywords().add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void longTextIsCutNotRefused() {
        FundingCall call =
                new FundingCall(
                        "S",
                        "R",
                        null,
                        null,
                        null,
                        "t".repeat(5_000),
                        null,
                        "d".repeat(200_000),
                        List.of("k".repeat(300)),
                        null,
                        CallKind.GRANT,
                        CallStatus.OPEN,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);

        assertThat(call.title()).hasSize(FundingCall.MAX_TITLE).endsWith("t\u2026");
        assertThat(call.description()).hasSize(FundingCall.MAX_DESCRIPTION).endsWith("\u2026");
        assertThat(call.keywords().getFirst()).hasSize(FundingCall.MAX_TERM);
    }

    @Test
    void theUrlIsHttpOrHttps() {
        assertThatThrownBy(
                        () ->
                                new FundingCall(
                                        "S",
                                        "R",
                                        null,
                                        null,
                                        null,
                                        "T",
                                        null,
                                        null,
                                        null,
                                        null,
                                        CallKind.GRANT,
                                        CallStatus.OPEN,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        "javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(
                        new FundingCall(
                                        "S",
                                        "R",
                                        null,
                                        null,
                                        null,
                                        "T",
                                        null,
                                        null,
                                        null,
                                        null,
                                        CallKind.GRANT,
                                        CallStatus.OPEN,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        " HTTPS://example.org/x ")
                                .url())
                .isEqualTo("HTTPS://example.org/x");
    }

    @Test
    void moneyIsExactAndCanonical() {
        assertThat(Money.of("1500000.00", "EUR"))
                .isEqualTo(Money.of("1500000", "EUR"))
                .hasToString("1500000 EUR");
        assertThat(Money.of("0.10", "EUR").amount().toPlainString()).isEqualTo("0.1");
        assertThat(Money.of("1E+3", "EUR").amount().toPlainString()).isEqualTo("1000");
        assertThatThrownBy(() -> Money.of("-1", "EUR"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1", "eur")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1", "ABC"))
                .hasMessage("not an ISO 4217 currency code: ABC");
    }

    private static FundingCall minimal(String source, String reference, String title) {
        return new FundingCall(
                source,
                reference,
                null,
                null,
                null,
                title,
                null,
                null,
                null,
                null,
                CallKind.GRANT,
                CallStatus.OPEN,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
