package coop.cluster.testing.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The AsyncAPI document's schemas and the samples generated from them agree with each other. */
class EventContractsTest {

    private final EventContracts contracts = EventContracts.load();

    @Test
    void everyMessageHasAPayloadSchemaInComponentsThatTheSamplesGeneratedFromItSatisfy() {
        assertThat(contracts.types()).hasSizeGreaterThan(50);
        for (String type : contracts.types()) {
            if (!type.startsWith("cluster.")) {
                continue; // the raw feed batches are not CloudEvents
            }
            assertThat(contracts.payloadSchema(type).path("additionalProperties").asBoolean(false))
                    .as(type + " tolerates additions")
                    .isTrue();
            assertThat(contracts.validate(type, contracts.sample(type).toString()))
                    .as(type + " minimal")
                    .isEmpty();
            assertThat(contracts.validate(type, contracts.fullSample(type).toString()))
                    .as(type + " full")
                    .isEmpty();
            for (var example : contracts.examples(type)) {
                assertThat(contracts.validate(type, example.toString()))
                        .as(type + " example " + example)
                        .isEmpty();
            }
        }
    }

    @Test
    void aMissingRequiredFieldAWrongFormatOrAnUnknownEnumValueIsRefusedAndAnAdditionIsNot() {
        String type = "cluster.membership.member.suspended.v1";
        ObjectNode sample = contracts.sample(type);
        assertThat(contracts.validate(type, sample.deepCopy().put("addedLater", 1).toString()))
                .isEmpty();
        ObjectNode missing = sample.deepCopy();
        missing.remove("memberId");
        assertThat(contracts.validate(type, missing.toString())).isNotEmpty();
        assertThat(
                        contracts.validate(
                                type, sample.deepCopy().put("suspendedAt", "yesterday").toString()))
                .isNotEmpty();
        assertThat(
                        contracts.validate(
                                type, sample.deepCopy().put("memberId", "not-a-uuid").toString()))
                .isNotEmpty();
        assertThat(contracts.validate(type, sample.deepCopy().put("cause", "whim").toString()))
                .isNotEmpty();
        assertThat(contracts.validate(type, sample.deepCopy().putNull("reason").toString()))
                .isEmpty();
    }

    record Suspended(String memberId, String status, String cause, java.time.Instant suspendedAt) {}

    record Renamed(String member, java.time.Instant suspendedAt) {}

    @Test
    void aProducerRecordIsBuiltFromTheSchemaAndARenamedComponentBreaksTheContract() {
        String type = "cluster.membership.member.suspended.v1";
        contracts.assertProduces(type, contracts.producerSample(type, Suspended.class));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                contracts.assertProduces(
                                        type,
                                        contracts.producerSample(
                                                type,
                                                Suspended.class,
                                                EventContracts.nulls("cause"))))
                .hasMessageContaining("cause");
        contracts.assertProduces(
                type, contracts.producerSample(type, Suspended.class, java.util.Map.of()));
        List<String> violations =
                contracts.validate(
                        type,
                        EventContracts.outboxJson()
                                .writeValueAsString(contracts.producerSample(type, Renamed.class)));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("memberId"));
    }

    @Test
    void aConsumerRecordReadsTheSampleAndOneThatReadsAFieldTheSchemaLacksFails() {
        String type = "cluster.membership.member.suspended.v1";
        Suspended read =
                contracts.assertConsumerReads(type, Suspended.class, "memberId", "suspendedAt");
        assertThat(read.memberId()).isNotBlank();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> contracts.assertConsumerReads(type, Renamed.class))
                .hasMessageContaining("'member'");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> contracts.assertConsumerReads(type, Suspended.class, "reason"))
                .hasMessageContaining("must require 'reason'");
    }
}
