package coop.cluster.fundingwatch.call.adapter;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.HtmlText;
import coop.cluster.fundingwatch.call.domain.Normalised;
import coop.cluster.fundingwatch.call.domain.Rejection;
import coop.cluster.fundingwatch.call.domain.Rejection.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads a batch's records one by one: each becomes a call or a rejection, and no record stops the
 * others. A second record with the reference of an earlier one in the same batch is rejected
 * ({@code duplicate-reference}).
 */
final class RecordLoop {

    /** Reads one record; throws {@link RecordProblem} for bad data. */
    @FunctionalInterface
    interface RecordReader {
        FundingCall read(String source, JsonNode record);
    }

    private RecordLoop() {}

    static Normalised run(
            String source,
            List<JsonNode> records,
            Function<JsonNode, String> referenceOf,
            RecordReader reader) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source is required");
        }
        List<FundingCall> calls = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            try {
                FundingCall call = reader.read(source, record);
                if (seen.add(call.reference())) {
                    calls.add(call);
                } else {
                    rejections.add(
                            new Rejection(
                                    i,
                                    call.reference(),
                                    Reason.DUPLICATE_REFERENCE,
                                    "reference '"
                                            + Fields.shorten(call.reference())
                                            + "' appears earlier in the batch"));
                }
            } catch (RecordProblem problem) {
                rejections.add(
                        new Rejection(
                                i,
                                readableReference(referenceOf, record),
                                problem.reason(),
                                problem.getMessage()));
            } catch (RuntimeException e) {
                // FundingCall's own checks, or a shape no rule foresaw: this record only is lost
                rejections.add(
                        new Rejection(
                                i,
                                readableReference(referenceOf, record),
                                Reason.INVALID_RECORD,
                                e.getMessage() == null
                                        ? "unreadable record (" + e.getClass().getSimpleName() + ")"
                                        : e.getMessage()));
            }
        }
        return new Normalised(calls, rejections);
    }

    /** The elements of an array node. */
    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    private static String readableReference(
            Function<JsonNode, String> referenceOf, JsonNode record) {
        try {
            String reference = referenceOf.apply(record);
            return reference == null || reference.isBlank()
                    ? null
                    : HtmlText.truncate(reference.strip(), FundingCall.MAX_REFERENCE);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
