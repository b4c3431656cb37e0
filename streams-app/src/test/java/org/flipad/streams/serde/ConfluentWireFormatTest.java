package org.flipad.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.flipad.schema.DeadLetterReason;
import org.junit.jupiter.api.Test;

/** The Confluent framing alone: prefix, header form and their failures. */
class ConfluentWireFormatTest {

  @Test
  void shouldWriteMagicZeroThenTheBigEndianIdThenTheBody() {
    byte[] framed = ConfluentWireFormat.frame(0x01020304, new byte[] {9, 8});

    assertThat(framed).containsExactly(0, 1, 2, 3, 4, 9, 8);
  }

  @Test
  void shouldReadBackTheIdAndBody() {
    ConfluentWireFormat.Framed framed =
        ConfluentWireFormat.parse(ConfluentWireFormat.frame(300, new byte[] {7}));

    assertThat(framed.schemaId()).isEqualTo(new SchemaId.Numeric(300));
    assertThat(framed.body()).containsExactly(7);
  }

  @Test
  void shouldFailTruncatedWhenShorterThanTheHeader() {
    assertThatThrownBy(() -> ConfluentWireFormat.parse(new byte[] {0, 0, 1}))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(SerdeFailure.TRUNCATED);
              assertThat(e.failure().deadLetterReason())
                  .isEqualTo(DeadLetterReason.UNDECODABLE_AVRO);
            })
        .hasMessageContaining("3 bytes");
    assertThatThrownBy(() -> ConfluentWireFormat.parse(new byte[0]))
        .extracting(e -> ((SerdeException) e).failure())
        .isEqualTo(SerdeFailure.TRUNCATED);
  }

  @Test
  void shouldFailUnknownMagicByteWhenTheFirstByteIsNotZero() {
    assertThatThrownBy(() -> ConfluentWireFormat.parse(new byte[] {'{', '"', 'a', '"', ':', '1'}))
        .isInstanceOfSatisfying(
            SerdeException.class,
            e -> assertThat(e.failure()).isEqualTo(SerdeFailure.UNKNOWN_MAGIC_BYTE))
        .hasMessageContaining("0x7b");
  }

  @Test
  void shouldReadTheGuidAndIdHeaderForms() {
    UUID guid = UUID.fromString("0b7a4e2c-1f3d-4c5e-9a8b-7c6d5e4f3a2b");

    assertThat(ConfluentWireFormat.parseHeader(ConfluentWireFormat.guidHeader(guid)))
        .isEqualTo(new SchemaId.Guid(guid));
    assertThat(ConfluentWireFormat.parseHeader(new byte[] {0, 0, 0, 1, 0}))
        .isEqualTo(new SchemaId.Numeric(256));
  }

  @Test
  void shouldFailOnAShortOrUnknownHeader() {
    assertThatThrownBy(() -> ConfluentWireFormat.parseHeader(new byte[] {1, 2, 3}))
        .extracting(e -> ((SerdeException) e).failure())
        .isEqualTo(SerdeFailure.TRUNCATED);
    assertThatThrownBy(() -> ConfluentWireFormat.parseHeader(new byte[] {2, 0, 0, 0, 1}))
        .extracting(e -> ((SerdeException) e).failure())
        .isEqualTo(SerdeFailure.UNKNOWN_MAGIC_BYTE);
  }
}
