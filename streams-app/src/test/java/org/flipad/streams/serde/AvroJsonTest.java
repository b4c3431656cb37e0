package org.flipad.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.flipad.schema.AttributionVerdict;
import org.flipad.schema.DeadLetter;
import org.flipad.streams.demo.SyntheticOutcomes;
import org.junit.jupiter.api.Test;

/** Avro records rendered as plain JSON. */
class AvroJsonTest {

  private static final Instant AT = Instant.parse("2026-12-02T03:31:22.125Z");

  @Test
  void shouldRenderEveryFieldOfTheSchemaInSchemaOrder() {
    JsonNode json = AvroJson.of(SyntheticOutcomes.verdict("u-1", AT));

    List<String> fields =
        AttributionVerdict.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
    List<String> rendered = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(rendered::add);
    assertThat(rendered).isEqualTo(fields);
  }

  @Test
  void shouldWriteUnionsAsTheirValueEnumsAsSymbolsAndTimestampsAsInstants() {
    JsonNode json = AvroJson.of(SyntheticOutcomes.verdict("u-1", AT));

    assertThat(json.get("attributedModelVersion").isInt()).isTrue();
    assertThat(json.get("attributedModelVersion").asInt()).isEqualTo(1);
    assertThat(json.get("undecidedReason").isNull()).isTrue();
    assertThat(json.get("verdict").asText()).isEqualTo("ATTRIBUTED");
    assertThat(json.get("format").asText()).isEqualTo("PNG");
    assertThat(json.get("decidedAt").asText()).isEqualTo("2026-12-02T03:31:22.125Z");
    assertThat(json.get("sourceOffset").asLong()).isEqualTo(42L);
    JsonNode model = json.get("models").get(0);
    assertThat(model.get("pValue").asDouble()).isEqualTo(0.41);
    assertThat(model.get("decision").asText()).isEqualTo("ATTRIBUTED");
    assertThat(json.get("timings").get("endToEndMs").asLong()).isEqualTo(61L);
  }

  @Test
  void shouldWriteBytesAsBase64WithoutMovingTheRecordsBuffer() {
    DeadLetter deadLetter = SyntheticOutcomes.deadLetter("u-2", AT);

    JsonNode json = AvroJson.of(deadLetter);

    assertThat(json.get("originalValuePrefix").asText()).isEqualTo("iVBORw==");
    assertThat(json.get("originalValue").isNull()).isTrue();
    assertThat(json.get("reason").asText()).isEqualTo("TOO_MANY_PIXELS");
    assertThat(deadLetter.getOriginalValuePrefix().remaining()).isEqualTo(4);
  }
}
