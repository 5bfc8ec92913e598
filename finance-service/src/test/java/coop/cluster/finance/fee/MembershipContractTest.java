package coop.cluster.finance.fee;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.fee.events.FeeOverdue;
import coop.cluster.finance.fee.events.FeePaid;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fee events between membership-service and finance-service, both ways, without sharing a
 * class: membership's own copies of finance's payloads (its {@code overdue/FinanceEvents.java},
 * read from the repository as the contract) name fields that finance's events must carry with a
 * JSON type they can be read into; and finance's copies of membership's council events ({@link
 * MembershipFeeEvents}) read only fields that membership's records ({@code council/events/*.java})
 * publish, in a compatible type.
 */
class MembershipContractTest {

    private static final Path CONSUMER =
            Path.of(
                    "..",
                    "membership-service",
                    "src",
                    "main",
                    "java",
                    "coop",
                    "cluster",
                    "membership",
                    "overdue",
                    "FinanceEvents.java");
    private static final Path COUNCIL_EVENTS =
            Path.of(
                    "..",
                    "membership-service",
                    "src",
                    "main",
                    "java",
                    "coop",
                    "cluster",
                    "membership",
                    "council",
                    "events");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void feeOverdueCarriesEveryFieldMembershipReadsInATypeItCanRead() throws IOException {
        FeeOverdue overdue =
                new FeeOverdue(
                        "FEE-2026-m1",
                        "m1",
                        2026,
                        "350.00",
                        "EUR",
                        LocalDate.of(2026, 1, 31),
                        31,
                        "450.00");
        Map<String, String> expected = components("FeeOverdue");
        assertThat(expected)
                .containsKeys(
                        "invoiceId", "memberId", "dueDate", "amountDue", "currency", "feeYear");
        assertReadable(JSON.readTree(JSON.writeValueAsString(overdue)), expected);
    }

    @Test
    void feePaidCarriesEveryFieldMembershipReads() throws IOException {
        FeePaid paid =
                new FeePaid(
                        "FEE-2026-m1",
                        "m1",
                        2026,
                        "EUR",
                        "450.00",
                        "450.00",
                        "0.00",
                        "PAID",
                        LocalDate.of(2026, 2, 1),
                        Instant.parse("2026-02-01T10:00:00Z"));
        Map<String, String> expected = components("FeePaid");
        assertThat(expected).containsKeys("invoiceId", "memberId");
        assertReadable(JSON.readTree(JSON.writeValueAsString(paid)), expected);
    }

    @Test
    void theTopicAndTypesAreTheOnesMembershipSubscribesTo() throws IOException {
        String consumer = Files.readString(CONSUMER);
        assertThat(consumer)
                .contains("TOPIC = \"finance.fees\"")
                .contains("\"cluster.finance.fee.overdue.v1\"")
                .contains("\"cluster.finance.fee.paid.v1\"");
    }

    @Test
    void everyFieldFinanceReadsOfAFeeScheduleIsOneMembershipPublishes() throws IOException {
        Map<String, String> published =
                components(COUNCIL_EVENTS.resolve("FeeScheduleAdopted.java"), "FeeScheduleAdopted");
        assertThat(published).containsKey("lateAdmission");
        assertReadsOnlyPublished(MembershipFeeEvents.FeeScheduleAdopted.class, published);
    }

    @Test
    void everyFieldFinanceReadsOfAnExemptionIsOneMembershipPublishes() throws IOException {
        assertReadsOnlyPublished(
                MembershipFeeEvents.FeeExemptionGranted.class,
                components(
                        COUNCIL_EVENTS.resolve("FeeExemptionGranted.java"), "FeeExemptionGranted"));
    }

    private static void assertReadsOnlyPublished(
            Class<? extends Record> copy, Map<String, String> published) {
        for (RecordComponent component : copy.getRecordComponents()) {
            String name = component.getName();
            assertThat(published)
                    .as("membership publishes %s, which finance reads", name)
                    .containsKey(name);
            String theirs = published.get(name);
            String ours = component.getType().getSimpleName();
            boolean compatible =
                    ours.equals(theirs)
                            || (ours.equals("Integer") && theirs.equals("int"))
                            || (ours.equals("Map") && theirs.startsWith("Map"));
            assertThat(compatible)
                    .as("%s: membership's %s read as %s", name, theirs, ours)
                    .isTrue();
        }
    }

    /** The components of membership's record {@code name}: field name to its Java type. */
    private static Map<String, String> components(String name) throws IOException {
        return components(CONSUMER, name);
    }

    /**
     * The components of the record {@code name} in the source file {@code file}: field name to its
     * Java type.
     */
    private static Map<String, String> components(Path file, String name) throws IOException {
        String source = Files.readString(file).replaceAll("<[^>]*>", "");
        Matcher record = Pattern.compile("record\\s+" + name + "\\s*\\(([^)]*)\\)").matcher(source);
        assertThat(record.find()).as("membership reads a record %s", name).isTrue();
        Map<String, String> components = new LinkedHashMap<>();
        for (String component : record.group(1).split(",")) {
            String[] words = component.strip().split("\\s+");
            components.put(words[words.length - 1], words[words.length - 2]);
        }
        return components;
    }

    private static void assertReadable(JsonNode event, Map<String, String> expected) {
        expected.forEach(
                (field, type) -> {
                    JsonNode value = event.get(field);
                    assertThat(value).as("finance's event has %s", field).isNotNull();
                    assertThat(value.isNull()).as("%s is set", field).isFalse();
                    switch (type) {
                        case "String" ->
                                assertThat(value.isString()).as("%s is a string", field).isTrue();
                        case "Integer", "int", "Long", "long" ->
                                assertThat(value.isIntegralNumber())
                                        .as("%s is an integer", field)
                                        .isTrue();
                        case "LocalDate" ->
                                assertThat(LocalDate.parse(value.asString())).as(field).isNotNull();
                        case "Instant" ->
                                assertThat(Instant.parse(value.asString())).as(field).isNotNull();
                        default ->
                                throw new AssertionError(
                                        "no check for the type "
                                                + type
                                                + " of "
                                                + field
                                                + ": teach this test how membership reads it");
                    }
                });
    }
}
