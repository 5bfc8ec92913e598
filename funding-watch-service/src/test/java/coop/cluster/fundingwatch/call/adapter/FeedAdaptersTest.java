package coop.cluster.fundingwatch.call.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.Normalised;
import coop.cluster.fundingwatch.call.domain.Rejection;
import coop.cluster.fundingwatch.call.domain.Rejection.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FeedAdaptersTest {

    private final FeedAdapters adapters =
            FeedAdapters.standard(
                    Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void picksTheAdapterForEachShape() {
        assertThat(adapters.adapterFor(FeedFiles.read("eu-ft-search-api.json")))
                .containsInstanceOf(SearchApiAdapter.class);
        assertThat(adapters.adapterFor(FeedFiles.read("eu-ft-grants-tenders.json")))
                .containsInstanceOf(GrantsTendersAdapter.class);
        assertThat(adapters.adapterFor(FeedFiles.json("{\"calls\": []}")))
                .containsInstanceOf(GenericJsonAdapter.class);
        assertThat(
                        adapters.adapterFor(
                                FeedFiles.json("[{\"reference\": \"R\", \"title\": \"T\"}]")))
                .containsInstanceOf(GenericJsonAdapter.class);

        assertThat(
                        adapters.normalise("eu-ft-portal", FeedFiles.read("eu-ft-search-api.json"))
                                .calls())
                .extracting(FundingCall::reference)
                .containsExactly(
                        "50130830TOPICSen",
                        "50130252TOPICSen",
                        "51176725TOPICSen",
                        "51176647TOPICSen");
        assertThat(
                        adapters.normalise(
                                        "eu-ft-portal", FeedFiles.read("eu-ft-grants-tenders.json"))
                                .calls())
                .extracting(FundingCall::reference)
                .containsExactly("ERASMUS-EDU-2022-ECHE-CERT-FP", "15380");
    }

    @Test
    void rejectsABatchInAnUnknownFormatWhole() {
        Normalised normalised =
                adapters.normalise("region-sud", FeedFiles.json("{\"items\": [{}, {}]}"));

        assertThat(normalised.calls()).isEmpty();
        assertThat(normalised.rejections())
                .singleElement()
                .satisfies(
                        rejection -> {
                            assertThat(rejection.reason()).isEqualTo(Reason.UNKNOWN_FORMAT);
                            assertThat(rejection.reason().code()).isEqualTo("unknown-format");
                            assertThat(rejection.index()).isZero();
                        });
        assertThat(adapters.normalise("region-sud", FeedFiles.json("\"just text\"")).rejections())
                .extracting(Rejection::reason)
                .containsExactly(Reason.UNKNOWN_FORMAT);
    }
}
